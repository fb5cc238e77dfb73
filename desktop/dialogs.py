"""Every message box and file dialog of the application, in German, in one place.

With `interactive=False` (tests, `--smoke-test`) nothing modal is ever shown: messages become
log lines and are recorded in `shown`, questions return the answers set in `answers`, and
file dialogs return the paths queued in `paths`. So a test never blocks on a modal.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from desktop.import_dialog import ImportDialog

if TYPE_CHECKING:
    from forms.lock import Staleness

log = logging.getLogger(__name__)

PROJECT_FILTER = "Vorlage-Projektdateien (*.vorlage.json);;JSON-Dateien (*.json);;Alle Dateien (*)"
# Opening also offers the backups (x.vorlage.json.bak): restoring from one must be findable.
OPEN_FILTER = (
    "Vorlage-Projektdateien (*.vorlage.json);;JSON-Dateien (*.json);;"
    "Sicherungen (*.bak);;Alle Dateien (*)"
)
PDF_FILTER = "PDF-Dateien (*.pdf)"
OPARL_FILTER = "OParl-JSON (*.json)"
ACCEPT = QMessageBox.ButtonRole.AcceptRole
REJECT = QMessageBox.ButtonRole.RejectRole
DESTRUCTIVE = QMessageBox.ButtonRole.DestructiveRole


class Unsaved(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Changed(StrEnum):
    """The file changed on disk since it was opened or saved (another window, a colleague)."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


class Locked(StrEnum):
    """Someone else has the file open (its lock file, forms/lock.py)."""

    READ_ONLY = "read_only"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class LockLost(StrEnum):
    """Saving, but another session has taken the lock over meanwhile."""

    SAVE_AS = "save_as"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class AfterExport(StrEnum):
    OPEN_PDF = "open_pdf"
    OPEN_FOLDER = "open_folder"
    CLOSE = "close"


@dataclass(frozen=True)
class Shown:
    kind: str  # "info", "warning", "error", "question"
    title: str
    text: str


class Dialogs:
    def __init__(self, parent: QWidget | None = None, *, interactive: bool = True) -> None:
        self.parent = parent
        self.interactive = interactive
        self.shown: list[Shown] = []
        # Answers used when not interactive, by question key.
        self.answers: dict[str, object] = {
            "unsaved": Unsaved.CANCEL,
            "after_export": AfterExport.CLOSE,
            "export_with_errors": True,
            "recover": True,
            "changed_on_disk": Changed.CANCEL,
            "cancel_running": True,
            "locked": Locked.CANCEL,
            "lock_lost": LockLost.CANCEL,
            "profile": None,  # an installed profile's id; None = cancelled
        }
        self.paths: deque[Path | None] = deque()
        # Anlage files the clerk picked in this session: the OParl export may copy these even
        # from outside the project folder (forms.oparl.build_paper `freigegeben`).
        self.picked_attachments: set[Path] = set()

    # -- messages -------------------------------------------------------------------------
    def _record(self, kind: str, title: str, text: str) -> bool:
        self.shown.append(Shown(kind, title, text))
        if self.interactive:
            return False
        level = {"error": logging.ERROR, "warning": logging.WARNING}.get(kind, logging.INFO)
        log.log(level, "%s: %s", title, text)
        return True

    def info(self, title: str, text: str) -> None:
        if not self._record("info", title, text):
            QMessageBox.information(self.parent, title, text)

    def warning(self, title: str, text: str) -> None:
        if not self._record("warning", title, text):
            QMessageBox.warning(self.parent, title, text)

    def error(self, title: str, text: str, details: str = "") -> None:
        if self._record("error", title, text):
            return
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
        box.setParent(self.parent, box.windowFlags())
        if details:
            box.setDetailedText(details)
        box.exec()

    # -- questions ------------------------------------------------------------------------
    def _choose(
        self,
        key: str,
        title: str,
        text: str,
        choices: Sequence[tuple[str, QMessageBox.ButtonRole, object]],
        *,
        otherwise: object,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
        informative: str = "",
        default: int | None = None,
        escape: int | None = None,
    ) -> object:
        """A question with one button per choice; the value of the button clicked, `otherwise`
        when the box was closed without one. Not interactive: the answer in `answers[key]`."""
        if self._record("question", title, text):
            return self.answers[key]
        box = QMessageBox(self.parent)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        buttons = [(box.addButton(label, role), value) for label, role, value in choices]
        if default is not None:
            box.setDefaultButton(buttons[default][0])
        if escape is not None:
            box.setEscapeButton(buttons[escape][0])
        box.exec()
        clicked = box.clickedButton()
        return next((value for button, value in buttons if button is clicked), otherwise)

    def ask_profile(
        self, options: list[tuple[str, str]], current: str, first_start: bool = False
    ) -> str | None:
        """The municipal profile for new Vorlagen (desktop/profile_choice.py); None: cancelled."""
        from desktop.profile_choice import ProfileDialog

        if self._record("question", "Gemeindeprofil", ", ".join(i for i, _ in options)):
            answer = self.answers["profile"]
            return answer if isinstance(answer, str) else None
        dialog = ProfileDialog(self.parent, options, current, first_start=first_start)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_unsaved(self, name: str) -> Unsaved:
        answer = self._choose(
            "unsaved",
            "Ungespeicherte Änderungen",
            f"„{name}“ wurde geändert. Sollen die Änderungen gespeichert werden?",
            [
                ("Speichern", ACCEPT, Unsaved.SAVE),
                ("Verwerfen", DESTRUCTIVE, Unsaved.DISCARD),
                ("Abbrechen", REJECT, Unsaved.CANCEL),
            ],
            otherwise=Unsaved.CANCEL,
            icon=QMessageBox.Icon.Warning,
            informative="Beim Verwerfen gehen die Änderungen seit dem letzten Speichern verloren.",
            default=0,
        )
        return Unsaved(str(answer))

    def ask_export_with_errors(self, count: int) -> bool:
        text = (
            f"Die Vorlage hat noch {count} Fehler (siehe Liste). Sie kann trotzdem als Entwurf "
            "exportiert werden; das PDF trägt dann den Vermerk „Entwurf“."
        )
        choices = [("Als Entwurf exportieren", ACCEPT, True), ("Abbrechen", REJECT, False)]
        return bool(
            self._choose(
                "export_with_errors", "Vorlage unvollständig", text, choices, otherwise=False
            )
        )

    def ask_recover(self, name: str, when: str) -> bool:
        """After a crash: restore the recovery copy (True) or discard it (False)."""
        text = (
            f"Der Vorlagen-Assistent wurde nicht ordnungsgemäß beendet. Von „{name}“ gibt es "
            f"eine Wiederherstellungskopie vom {when} mit ungespeicherten Änderungen."
        )
        choices = [("Wiederherstellen", ACCEPT, True), ("Verwerfen", DESTRUCTIVE, False)]
        # Only an explicit click on "Verwerfen" deletes work; closing the box restores it.
        return bool(
            self._choose(
                "recover",
                "Wiederherstellen?",
                text,
                choices,
                otherwise=True,
                informative="Beim Verwerfen wird die Kopie gelöscht.",
                default=0,
                escape=0,
            )
        )

    def ask_after_export(self, path: Path) -> AfterExport:
        answer = self._choose(
            "after_export",
            "PDF exportiert",
            f"Das PDF wurde gespeichert:\n{path}",
            [
                ("PDF öffnen", ACCEPT, AfterExport.OPEN_PDF),
                ("Ordner öffnen", QMessageBox.ButtonRole.ActionRole, AfterExport.OPEN_FOLDER),
                ("Schließen", REJECT, AfterExport.CLOSE),
            ],
            otherwise=AfterExport.CLOSE,
            icon=QMessageBox.Icon.Information,
        )
        return AfterExport(str(answer))

    def ask_changed_on_disk(self, name: str) -> Changed:
        """Before overwriting a file someone else saved in the meantime."""
        answer = self._choose(
            "changed_on_disk",
            "Datei wurde geändert",
            f"„{name}“ wurde seit dem Öffnen oder letzten Speichern außerhalb dieses Fensters "
            "geändert (z. B. in einem zweiten Fenster). Beim Überschreiben gehen diese "
            "Änderungen verloren.",
            [
                ("Speichern &unter…", ACCEPT, Changed.SAVE_AS),
                ("Ü&berschreiben", DESTRUCTIVE, Changed.OVERWRITE),
                ("Abbrechen", REJECT, Changed.CANCEL),
            ],
            otherwise=Changed.CANCEL,
            icon=QMessageBox.Icon.Warning,
            default=0,
        )
        return Changed(str(answer))

    def ask_locked(
        self, name: str, holder: str, staleness: Staleness, *, saving: bool = False
    ) -> Locked:
        """Opening (or saving under) a file someone else has open: `holder` says who."""
        from forms.lock import STALE_AFTER, Staleness  # not on the path to the first paint

        hours = int(STALE_AFTER.total_seconds() // 3600)
        informative = {
            Staleness.ACTIVE: "Schreibgeschützt lässt sich die Vorlage lesen, exportieren und "
            "unter einem anderen Namen speichern. Beim Übernehmen verliert die andere Sitzung "
            "die Sperre und erfährt es spätestens beim nächsten Speichern.",
            Staleness.STALE: "Das Programm, das die Datei geöffnet hatte, läuft auf diesem "
            "Computer nicht mehr (z. B. nach einem Absturz): die Sperre ist verwaist und kann "
            "entfernt werden.",
            Staleness.POSSIBLY_STALE: f"Die Sperre wurde seit über {hours} Stunden nicht "
            "erneuert – vermutlich ist das Programm dort abgestürzt. Nur übernehmen, wenn dort "
            "sicher niemand mehr daran arbeitet.",
        }[staleness]
        take = "Sperre entfernen" if staleness == Staleness.STALE else "Sperre übernehmen"
        choices: list[tuple[str, QMessageBox.ButtonRole, object]] = [
            (f"{take} und speichern" if saving else take, DESTRUCTIVE, Locked.TAKE_OVER),
            ("Abbrechen", REJECT, Locked.CANCEL),
        ]
        if not saving:
            choices.insert(0, ("Schreibgeschützt öffnen", ACCEPT, Locked.READ_ONLY))
        fresh = staleness == Staleness.ACTIVE
        answer = self._choose(
            "locked",
            "Verwaiste Sperre" if staleness == Staleness.STALE else "Datei ist gesperrt",
            f"„{name}“ ist bereits geöffnet. {holder}",
            choices,
            otherwise=Locked.CANCEL,
            icon=QMessageBox.Icon.Warning,
            informative=informative,
            default=len(choices) - 1 if saving and fresh else (0 if fresh else len(choices) - 2),
            escape=len(choices) - 1,
        )
        return Locked(str(answer))

    def ask_lock_lost(self, name: str, holder: str) -> LockLost:
        """Saving, but a colleague took the lock over since this window opened the file."""
        answer = self._choose(
            "lock_lost",
            "Sperre verloren",
            f"Eine andere Sitzung hat „{name}“ inzwischen übernommen. {holder}",
            [
                ("Speichern &unter…", ACCEPT, LockLost.SAVE_AS),
                ("Sperre zurückholen und speichern", DESTRUCTIVE, LockLost.TAKE_OVER),
                ("Abbrechen", REJECT, LockLost.CANCEL),
            ],
            otherwise=LockLost.CANCEL,
            icon=QMessageBox.Icon.Warning,
            informative="Speichern unter diesem Namen würde deren Arbeit überschreiben.",
            default=0,
            escape=2,
        )
        return LockLost(str(answer))

    def ask_cancel_running(self, title: str) -> bool:
        """Closing while an export runs: stop it (True) or keep the window open (False)."""
        choices = [("Abbrechen und schließen", DESTRUCTIVE, True), ("Weiter warten", REJECT, False)]
        return bool(
            self._choose(
                "cancel_running",
                f"{title} läuft",
                f"{title} läuft noch. Abbrechen und das Fenster schließen?",
                choices,
                otherwise=False,
                default=1,
            )
        )

    def ask_import_text(self, folder: Path | None) -> tuple[str | Path, str] | None:
        """What to import — pasted text, or the path of a PDF (read on the pool by
        forms.imports.import_file) — and where it came from; None when the clerk cancels."""
        if not self.interactive:
            self._record("question", "Importieren", "")
            pdf = self.answers.get("import_pdf")
            if isinstance(pdf, Path):
                return pdf, f"„{pdf.name}“"
            text = self.answers.get("import_text")
            return (str(text), "Der eingefügte Text") if text is not None else None
        dialog = ImportDialog(self.parent, folder, warn=self.warning)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if dialog.pdf is not None:
            return dialog.pdf, dialog.source
        return dialog.text.toPlainText(), dialog.source

    # -- files ----------------------------------------------------------------------------
    def _next_path(self, title: str) -> Path | None:
        self._record("question", title, "")
        return self.paths.popleft() if self.paths else None

    def open_project(self, folder: Path | None) -> Path | None:
        if not self.interactive:
            return self._next_path("Vorlage öffnen")
        name, _ = QFileDialog.getOpenFileName(
            self.parent, "Vorlage öffnen", str(folder or ""), OPEN_FILTER
        )
        return Path(name) if name else None

    def save_project(self, suggestion: Path) -> Path | None:
        path = self._ask_save_path("Vorlage speichern unter", suggestion, PROJECT_FILTER)
        if path is None or path.name.endswith(".json"):
            return path
        return path.with_name(path.name + ".vorlage.json")

    def save_pdf(self, suggestion: Path) -> Path | None:
        path = self._ask_save_path("Als PDF exportieren", suggestion, PDF_FILTER)
        if path is None or path.suffix.lower() == ".pdf":
            return path
        return path.with_name(path.name + ".pdf")

    def save_oparl(self, suggestion: Path) -> Path | None:
        path = self._ask_save_path("OParl exportieren", suggestion, OPARL_FILTER)
        if path is None or path.suffix.lower() == ".json":
            return path
        return path.with_name(path.name + ".json")

    def _ask_save_path(self, title: str, suggestion: Path, file_filter: str) -> Path | None:
        if not self.interactive:
            return self._next_path(title)
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggestion), file_filter)
        return Path(name) if name else None

    def open_attachment(self, folder: Path | None) -> Path | None:
        if not self.interactive:
            path = self._next_path("Anlage auswählen")
        else:
            name, _ = QFileDialog.getOpenFileName(
                self.parent, "Anlage auswählen", str(folder or ""), "Alle Dateien (*)"
            )
            path = Path(name) if name else None
        if path is not None:
            self.picked_attachments.add(path)
        return path
