"""Every message box and file dialog of the application, in German, in one place.

With `interactive=False` (tests, `--smoke-test`) nothing modal is ever shown: messages become
log lines and are recorded in `shown`, questions return the answers set in `answers`, and
file dialogs return the paths queued in `paths`. So a test never blocks on a modal.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

PROJECT_FILTER = "Vorlage-Projektdateien (*.vorlage.json);;JSON-Dateien (*.json);;Alle Dateien (*)"
PDF_FILTER = "PDF-Dateien (*.pdf)"
OPARL_FILTER = "OParl-JSON (*.json)"
PAGE_FILTER = "Textdateien (*.txt);;Alle Dateien (*)"


class Unsaved(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Changed(StrEnum):
    """The file changed on disk since it was opened or saved (another window, a colleague)."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
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
    def ask_unsaved(self, name: str) -> Unsaved:
        text = f"„{name}“ wurde geändert. Sollen die Änderungen gespeichert werden?"
        if self._record("question", "Ungespeicherte Änderungen", text):
            return Unsaved(str(self.answers["unsaved"]))
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Ungespeicherte Änderungen")
        box.setText(text)
        box.setInformativeText(
            "Beim Verwerfen gehen die Änderungen seit dem letzten Speichern verloren."
        )
        save = box.addButton("Speichern", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Verwerfen", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return Unsaved.SAVE
        if clicked is discard:
            return Unsaved.DISCARD
        return Unsaved.CANCEL

    def ask_export_with_errors(self, count: int) -> bool:
        text = (
            f"Die Vorlage hat noch {count} Fehler (siehe Liste). Sie kann trotzdem als Entwurf "
            "exportiert werden; das PDF trägt dann den Vermerk „Entwurf“."
        )
        if self._record("question", "Vorlage unvollständig", text):
            return bool(self.answers["export_with_errors"])
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Vorlage unvollständig")
        box.setText(text)
        draft = box.addButton("Als Entwurf exportieren", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is draft

    def ask_recover(self, name: str, when: str) -> bool:
        """After a crash: restore the recovery copy (True) or discard it (False)."""
        text = (
            f"Der Vorlagen-Assistent wurde nicht ordnungsgemäß beendet. Von „{name}“ gibt es "
            f"eine Wiederherstellungskopie vom {when} mit ungespeicherten Änderungen."
        )
        if self._record("question", "Wiederherstellen?", text):
            return bool(self.answers["recover"])
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Wiederherstellen?")
        box.setText(text)
        box.setInformativeText("Beim Verwerfen wird die Kopie gelöscht.")
        restore = box.addButton("Wiederherstellen", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Verwerfen", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(restore)
        box.exec()
        # Only an explicit click on "Verwerfen" deletes work; closing the box restores it.
        return box.clickedButton() is not discard

    def ask_after_export(self, path: Path) -> AfterExport:
        text = f"Das PDF wurde gespeichert:\n{path}"
        if self._record("question", "PDF exportiert", text):
            return AfterExport(str(self.answers["after_export"]))
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("PDF exportiert")
        box.setText(text)
        open_pdf = box.addButton("PDF öffnen", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("Ordner öffnen", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Schließen", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_pdf:
            return AfterExport.OPEN_PDF
        if box.clickedButton() is open_folder:
            return AfterExport.OPEN_FOLDER
        return AfterExport.CLOSE

    def ask_changed_on_disk(self, name: str) -> Changed:
        """Before overwriting a file someone else saved in the meantime."""
        text = (
            f"„{name}“ wurde seit dem Öffnen oder letzten Speichern außerhalb dieses Fensters "
            "geändert (z. B. in einem zweiten Fenster). Beim Überschreiben gehen diese "
            "Änderungen verloren."
        )
        if self._record("question", "Datei wurde geändert", text):
            return Changed(str(self.answers["changed_on_disk"]))
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Datei wurde geändert")
        box.setText(text)
        save_as = box.addButton("Speichern &unter…", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("Ü&berschreiben", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.exec()
        if box.clickedButton() is save_as:
            return Changed.SAVE_AS
        if box.clickedButton() is overwrite:
            return Changed.OVERWRITE
        return Changed.CANCEL

    def ask_cancel_running(self, title: str) -> bool:
        """Closing while an export runs: stop it (True) or keep the window open (False)."""
        text = f"{title} läuft noch. Abbrechen und das Fenster schließen?"
        if self._record("question", f"{title} läuft", text):
            return bool(self.answers["cancel_running"])
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(f"{title} läuft")
        box.setText(text)
        stop = box.addButton("Abbrechen und schließen", QMessageBox.ButtonRole.DestructiveRole)
        wait = box.addButton("Weiter warten", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(wait)
        box.exec()
        return box.clickedButton() is stop

    def ask_import_text(self, folder: Path | None) -> tuple[str, str] | None:
        """The page text to import and where it came from; None when the clerk cancels."""
        if not self.interactive:
            self._record("question", "Importieren", "")
            text = self.answers.get("import_text")
            return (str(text), "Der eingefügte Text") if text is not None else None
        dialog = ImportDialog(self.parent, folder, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.toPlainText(), dialog.source

    # -- files ----------------------------------------------------------------------------
    def _next_path(self, title: str) -> Path | None:
        self._record("question", title, "")
        return self.paths.popleft() if self.paths else None

    def open_project(self, folder: Path | None) -> Path | None:
        if not self.interactive:
            return self._next_path("Vorlage öffnen")
        name, _ = QFileDialog.getOpenFileName(
            self.parent, "Vorlage öffnen", str(folder or ""), PROJECT_FILTER
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


class ImportDialog(QDialog):
    """Paste the page text, or load it from a file into the same box, then take it over."""

    def __init__(
        self,
        parent: QWidget | None = None,
        folder: Path | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Vorlage aus dem Ratsinformationssystem importieren")
        self.folder = folder
        self.dialogs = dialogs or Dialogs(self)
        self.source = "Der eingefügte Text"
        hint = QLabel(
            "Die Vorlagenseite im Browser öffnen, alles markieren (Strg+A), kopieren (Strg+C) "
            "und hier einfügen – oder eine gespeicherte Textdatei laden.",
            self,
        )
        hint.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("importText")
        self.text.setPlaceholderText("Kenntnisnahme - FB 56/0319/WP18\nGrunddaten\n…")
        self.file_button = QPushButton("Aus &Datei laden…", self)
        self.file_button.clicked.connect(self._choose_file)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            "&Importieren", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.text.toPlainText().strip()))
        )
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.resize(720, 520)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Seitentext öffnen", str(self.folder or ""), PAGE_FILTER
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        from forms.imports import VorlageImportError, read_text_file

        try:
            self.text.setPlainText(read_text_file(path))
        except VorlageImportError as exc:
            self.dialogs.warning("Datei kann nicht gelesen werden", str(exc))
            return False
        self.source = f"„{path.name}“"
        return True
