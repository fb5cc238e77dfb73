"""Import from the council information system and OParl export, wired into the main window.

`install(window)` adds "Importieren…" (start page and Datei menu) and "OParl exportieren…"
(Datei menu). The work itself is in forms/ (imports/, oparl.py); this module only asks for
input, runs the export on the thread pool and reports back. Like desktop/dialogs.py it never
shows a modal when `window.dialogs.interactive` is False: the pasted text then comes from
`dialogs.answers["import_text"]` and paths from `dialogs.paths`.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs import Dialogs, Shown
from forms.errors import VorlageError
from forms.flow import Extra
from forms.model import Vorlage
from forms.profile import Profile
from forms.rules import Schwere, problems

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow
    from forms import oparl

# forms.imports and forms.oparl are imported where they are used: together ~50 ms that every
# start would pay for two menu entries (benchmarks/run.py, cold start).

log = logging.getLogger(__name__)

PAGE_FILTER = "Textdateien (*.txt);;Alle Dateien (*)"
OPARL_FILTER = "OParl-JSON (*.json)"


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


class OParlSignals(QObject):
    finished = Signal(object)  # oparl.OParlExport
    failed = Signal(str, str)


class OParlJob(QRunnable):
    """Render the PDF and write paper.json + files; never touches a widget."""

    def __init__(self, vorlage: Vorlage, target: Path, profile: Profile, *, entwurf: bool,
                 projekt_ordner: Path | None, freigegeben: frozenset[Path] = frozenset()) -> None:
        super().__init__()
        self.freigegeben = freigegeben
        self.vorlage = vorlage
        self.target = target
        self.profile = profile
        self.entwurf = entwurf
        self.projekt_ordner = projekt_ordner
        self.signals = OParlSignals()
        self.written: list[Path] = []
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            from forms import oparl
            from forms.pdf import render

            pdf = render(self.vorlage, profile=self.profile, entwurf=self.entwurf)
            export = oparl.build_paper(
                self.vorlage, pdf, profile=self.profile, projekt_ordner=self.projekt_ordner,
                freigegeben=self.freigegeben,
            )
            self.written = oparl.write_export(export, self.target)
        except VorlageError as exc:
            self.signals.failed.emit(str(exc), "")
        except Exception as exc:  # reported to the clerk, never lost in a thread
            log.exception("OParl-Export fehlgeschlagen")
            self.signals.failed.emit(
                f"Der OParl-Export ist fehlgeschlagen ({type(exc).__name__}: {exc}).",
                traceback.format_exc(),
            )
        else:
            self.signals.finished.emit(export)


class Exchange(QObject):
    imported = Signal(object)  # forms.imports.ImportBericht
    oparlFinished = Signal(object)  # list[Path] written
    oparlFailed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._job: OParlJob | None = None
        start = window.start_page
        start.import_button.setVisible(True)
        start.import_button.clicked.connect(lambda: self.import_vorlage())
        menu = next(
            (a.menu() for a in window.menuBar().actions()
             if a.menu() is not None and window.save_action in a.menu().actions()),
            None,
        )
        self.import_action = QAction("&Importieren…", window)
        self.import_action.setToolTip("Eine Vorlage aus dem Ratsinformationssystem übernehmen")
        self.import_action.triggered.connect(lambda _c=False: self.import_vorlage())
        self.oparl_action = QAction("&OParl exportieren…", window)
        self.oparl_action.triggered.connect(lambda _c=False: self.export_oparl())
        if menu is not None:
            menu.insertAction(window.save_action, self.import_action)
            menu.insertSeparator(window.save_action)
            menu.insertAction(window.quit_action, self.oparl_action)
            menu.insertSeparator(window.quit_action)

    # -- import -------------------------------------------------------------------------------
    def _ask_text(self) -> tuple[str, str] | None:
        dialogs = self.window.dialogs
        if not dialogs.interactive:
            dialogs.shown.append(Shown("question", "Importieren", ""))
            text = dialogs.answers.get("import_text")
            return (str(text), "Der eingefügte Text") if text is not None else None
        dialog = ImportDialog(self.window, self.window.settings.folder(), dialogs)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.toPlainText(), dialog.source

    def import_vorlage(self, text: str | None = None, source: str = "Der Text") -> bool:
        window = self.window
        if not window.maybe_save():
            return False
        if text is None:
            asked = self._ask_text()
            if asked is None:
                return False
            text, source = asked
        from forms.imports import VorlageImportError, import_text

        try:
            result = import_text(text, window.document.profile, source=source)
        except VorlageImportError as exc:
            window.dialogs.error("Import nicht möglich", str(exc))
            return False
        # A new, unnamed draft: saving asks for a file name, closing asks to save.
        window.document.replace(result.vorlage, None)
        window.document.set_dirty(True)
        window.go_to(Extra.PRUEFEN)
        window.statusBar().showMessage("Vorlage importiert – bitte prüfen und speichern.", 8000)
        self.imported.emit(result.bericht)
        window.dialogs.info("Import abgeschlossen", result.bericht.text())
        return True

    # -- OParl export -------------------------------------------------------------------------
    def _ask_target(self, suggestion: Path) -> Path | None:
        dialogs = self.window.dialogs
        if not dialogs.interactive:
            dialogs.shown.append(Shown("question", "OParl exportieren", ""))
            return dialogs.paths.popleft() if dialogs.paths else None
        name, _ = QFileDialog.getSaveFileName(
            self.window, "OParl exportieren", str(suggestion), OPARL_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")

    def export_oparl(self, target: Path | None = None) -> bool:
        window = self.window
        if self._job is not None:
            return False
        found = problems(window.document.vorlage, window.document.profile)
        errors = sum(1 for p in found if p.schwere == Schwere.FEHLER)
        if errors and not window.dialogs.ask_export_with_errors(errors):
            return False
        if target is None:
            folder = window.document.path.parent if window.document.path else None
            suggestion = (folder or window.settings.folder() or Path.home()) / "paper.json"
            target = self._ask_target(suggestion)
            if target is None:
                return False
        projekt_ordner = window.document.path.parent if window.document.path else None
        job = OParlJob(
            window.document.snapshot(), Path(target), window.document.profile,
            entwurf=bool(errors), projekt_ordner=projekt_ordner,
            freigegeben=frozenset(window.dialogs.picked_attachments),
        )
        job.signals.finished.connect(lambda export: self._done(job, export))
        job.signals.failed.connect(self._failed)
        self._job = job
        self.oparl_action.setEnabled(False)
        window.statusBar().showMessage("OParl-Export läuft …")
        window.pool.start(job)
        return True

    def _done(self, job: OParlJob, export: oparl.OParlExport) -> None:
        self._job = None
        self.oparl_action.setEnabled(True)
        files = "\n".join(f"• {p}" for p in job.written)
        hints = "".join(f"\n\nHinweis: {h}" for h in export.hinweise)
        self.window.statusBar().showMessage(f"OParl exportiert: {job.target}", 8000)
        self.oparlFinished.emit(job.written)
        self.window.dialogs.info("OParl exportiert", f"Geschrieben:\n{files}{hints}")

    def _failed(self, message: str, details: str) -> None:
        self._job = None
        self.oparl_action.setEnabled(True)
        self.window.statusBar().showMessage("OParl-Export fehlgeschlagen.", 8000)
        self.oparlFailed.emit(message)
        self.window.dialogs.error("OParl-Export fehlgeschlagen", message, details)


def install(window: MainWindow) -> Exchange:
    return Exchange(window)
