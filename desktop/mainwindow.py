"""The main window: section list on the left, one page per step, menu, file handling."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import exchange, worker
from desktop.binding import Document
from desktop.dialogs import AfterExport, Dialogs, Unsaved
from desktop.pages.base import Page
from desktop.pages.grunddaten import GrunddatenPage, dienststelle_from_text
from desktop.pages.pruefen import FEHLER_COLOR, HINWEIS_COLOR, OK_COLOR, PruefenPage, dot_icon
from desktop.pages.start import StartPage
from desktop.settings import Settings
from forms import projectfile
from forms.errors import ProjectFileError
from forms.flow import STEP_TITLES, STEPS, Extra, Step, section_state
from forms.labels import Section, field_label
from forms.model import Grunddaten, Vorlage
from forms.profile import Profile
from forms.resources import resource_path
from forms.rules import Problem, Schwere, has_errors, problems

log = logging.getLogger(__name__)

APP_TITLE = "Vorlagen-Assistent"
EXAMPLE = ("examples", "FB_56_0319_WP18.vorlage.json")


class MainWindow(QMainWindow):
    # For the autosave/recovery hook: emitted after every change of the open Vorlage.
    modelChanged = Signal()
    exportProgress = Signal(int, int)  # pages done, pages in total
    exportFinished = Signal(object)  # Path of the PDF
    exportFailed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        dialogs: Dialogs | None = None,
        profile: Profile | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.dialogs = dialogs or Dialogs(self)
        if self.dialogs.parent is None:
            self.dialogs.parent = self
        self.pool = pool or QThreadPool.globalInstance()
        self.document = Document(profile=profile)
        self.document.modelChanged.connect(self.modelChanged.emit)
        # The side list's markers run all checks; once per burst of typing is enough.
        self._markers_timer = QTimer(self)
        self._markers_timer.setSingleShot(True)
        self._markers_timer.setInterval(150)
        self._markers_timer.timeout.connect(self._update_markers)
        self.document.modelChanged.connect(self._markers_timer.start)
        self.document.dirtyChanged.connect(self._update_title)
        self.document.pathChanged.connect(self._update_title)
        self.document.replaced.connect(self._reload_pages)
        self._job: worker.ExportJob | None = None
        self._build()
        self._build_menu()
        self.exchange = exchange.install(self)  # Ratsinfo import, OParl export
        self.resize(QSize(1180, 800))
        # The finance grid needs this width for its six columns without clipping headings.
        self.setMinimumSize(QSize(1000, 620))
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.window_geometry.encode()))
        self._reload_pages()
        self._update_title()
        self.go_to(Extra.START)

    # -- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        doc = self.document
        self.start_page = StartPage(doc, settings=self.settings)
        self.pruefen_page = PruefenPage(doc)
        # The section pages are built on first visit (page()): building all nine at start-up
        # was a third of the cold start (benchmarks/run.py). `pages` holds the built ones.
        self.pages: dict[Step, Page] = {
            Extra.START: self.start_page,
            Extra.PRUEFEN: self.pruefen_page,
        }
        self.start_page.newRequested.connect(self.new_vorlage)
        self.start_page.openRequested.connect(self.open_file)
        self.start_page.exampleRequested.connect(self.open_example)
        self.pruefen_page.jumpRequested.connect(self.jump_to_problem)
        self.pruefen_page.extra_problems = self.input_problems
        self.pruefen_page.saveRequested.connect(self.save)
        self.pruefen_page.exportRequested.connect(self.export_pdf)

        self.nav = QListWidget(self)
        self.nav.setObjectName("sectionList")
        self.nav.setAccessibleName("Abschnitte")
        self.nav.setFixedWidth(250)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setIconSize(QSize(10, 10))
        for number, step in enumerate(STEPS):
            prefix = f"{number}  " if isinstance(step, Section) else ""
            item = QListWidgetItem(f"{prefix}{STEP_TITLES[step]}", self.nav)
            item.setData(Qt.ItemDataRole.UserRole, step.value)
        self.stack = QStackedWidget(self)
        for step in STEPS:
            self.stack.addWidget(self.pages.get(step) or QWidget(self.stack))
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.back_button = QPushButton("< &Zurück", self)
        self.next_button = QPushButton("&Weiter >", self)
        self.back_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        footer = QWidget(self)
        footer.setObjectName("pageFooter")
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(24, 8, 24, 10)
        footer_layout.addStretch(1)
        footer_layout.addWidget(self.back_button)
        footer_layout.addWidget(self.next_button)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(footer)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Bereit", 3000)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&Datei")

        def action(text: str, slot, shortcut=None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())
            menu.addAction(act)
            return act

        self.new_action = action("&Neu", self.new_vorlage, QKeySequence.StandardKey.New)
        self.open_action = action("Ö&ffnen…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu("&Zuletzt geöffnet")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        self.save_action = action("&Speichern", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = action("Speichern &unter…", self.save_as, "Ctrl+Shift+S")
        menu.addSeparator()
        self.export_action = action("&PDF exportieren…", self.export_pdf, "Ctrl+E")
        menu.addSeparator()
        self.quit_action = action("&Beenden", self.close, "Ctrl+Q")
        go = self.menuBar().addMenu("&Gehe zu")
        for number, step in enumerate(STEPS):
            act = QAction(STEP_TITLES[step], self)
            if number < 10:
                act.setShortcut(QKeySequence(f"Alt+{number}"))
            act.triggered.connect(lambda _c=False, s=step: self.go_to(s))
            go.addAction(act)
        go.addSeparator()
        nxt = QAction("Nächster Abschnitt", self)
        nxt.setShortcut(QKeySequence("Ctrl+PgDown"))
        nxt.triggered.connect(lambda: self._step(1))
        prev = QAction("Vorheriger Abschnitt", self)
        prev.setShortcut(QKeySequence("Ctrl+PgUp"))
        prev.triggered.connect(lambda: self._step(-1))
        go.addAction(nxt)
        go.addAction(prev)
        # No Alt letter: every letter of "Hilfe" is already a field's shortcut on some page.
        help_menu = self.menuBar().addMenu("Hilfe")
        about = QAction("Über den Vorlagen-Assistenten", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            act = self.recent_menu.addAction(Path(name).name)
            act.setToolTip(name)
            act.triggered.connect(lambda _c=False, n=name: self.open_file(Path(n)))
        if not self.settings.recent_files:
            self.recent_menu.addAction("(keine)").setEnabled(False)

    def show_about(self) -> None:
        from importlib import metadata

        from desktop.crash import default_log_path

        try:
            version = metadata.version("vorlagen-assistent")
        except metadata.PackageNotFoundError:
            version = "unbekannt"
        profile = self.document.profile
        self.dialogs.info(
            "Über den Vorlagen-Assistenten",
            f"Vorlagen-Assistent {version}\n"
            f"Gemeindeprofil: {profile.stadt}\n\n"
            "Ratsvorlagen schreiben, prüfen und als PDF exportieren – ohne Netzwerk.\n\n"
            f"Protokoll: {default_log_path()}\n"
            f"Einstellungen: {self.settings.path}",
        )

    # -- navigation -------------------------------------------------------------------------
    def page(self, step: Step) -> Page:
        """The page of a step; a section page is built the first time it is asked for."""
        page = self.pages.get(step)
        if page is None:
            page = self._make_page(step)
            index = STEPS.index(step)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[step] = page
            page.reload()
        return page

    def _make_page(self, step: Step) -> Page:
        # Imported here too: the rich-text pages bring markdown-it, which start-up need not load.
        from desktop.pages.anlagen import AnlagenPage
        from desktop.pages.beratungsfolge import BeratungsfolgePage
        from desktop.pages.beschlussvorschlag import BeschlussvorschlagPage
        from desktop.pages.erlaeuterungen import ErlaeuterungenPage
        from desktop.pages.finanzen import FinanzenPage
        from desktop.pages.klimarelevanz import KlimarelevanzPage

        doc = self.document
        if step == Section.GRUNDDATEN:
            return GrunddatenPage(doc)
        if step == Section.BERATUNGSFOLGE:
            return BeratungsfolgePage(doc)
        if step == Section.BESCHLUSSVORSCHLAG:
            return BeschlussvorschlagPage(doc)
        if step == Section.ERLAEUTERUNGEN:
            return ErlaeuterungenPage(doc)
        if step == Section.ANLAGEN:
            return AnlagenPage(doc, dialogs=self.dialogs)
        if step == Section.FINANZEN:
            return FinanzenPage(doc)
        if step == Section.KLIMARELEVANZ:
            return KlimarelevanzPage(doc)
        raise ValueError(f"no page for {step!r}")

    def current_step(self) -> Step:
        return STEPS[self.stack.currentIndex()]

    def go_to(self, step: Step) -> Page:
        index = STEPS.index(step)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        else:
            self._nav_changed(index)
        return self.page(step)

    def flush(self) -> None:
        """Pending edits (long rich texts are written after a pause) into the model."""
        for page in self.pages.values():
            page.flush()

    def _nav_changed(self, index: int) -> None:
        if index < 0:
            return
        self.flush()
        page = self.page(STEPS[index])
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(STEPS) - 1)
        page.shown()

    def _step(self, delta: int) -> None:
        index = min(max(self.stack.currentIndex() + delta, 0), len(STEPS) - 1)
        self.go_to(STEPS[index])

    def input_problems(self) -> list[Problem]:
        """Typed text the pages could not read, as errors: the file would not contain it."""
        found = []
        for step in STEPS:  # in page order; pages never visited hold no typed text
            page = self.pages.get(step)
            if page is None or not isinstance(step, Section):
                continue
            for path, message in page.invalid_inputs().items():
                text = f"{field_label(path)}: Eingabe nicht übernommen – {message}"
                found.append(Problem(step, path, text, Schwere.FEHLER))
        return found

    def all_problems(self) -> list[Problem]:
        return self.input_problems() + problems(self.document.vorlage, self.document.profile)

    def jump_to_problem(self, problem: Problem) -> None:
        page = self.go_to(problem.section)
        if not page.focus_field(problem.field):
            page.setFocus()

    def _reload_pages(self) -> None:
        for page in self.pages.values():
            page.reload()
        self._update_markers()

    def _update_markers(self) -> None:
        found = problems(self.document.vorlage, self.document.profile)
        colors = {Schwere.FEHLER: FEHLER_COLOR, Schwere.HINWEIS: HINWEIS_COLOR, None: OK_COLOR}
        for row, step in enumerate(STEPS):
            if not isinstance(step, Section):
                continue
            state = section_state(step, found)
            item = self.nav.item(row)
            item.setIcon(dot_icon(colors[state]))
            text = {
                Schwere.FEHLER: "Hier fehlt noch etwas.",
                Schwere.HINWEIS: "Vollständig, mit Hinweisen.",
                None: "Vollständig.",
            }[state]
            # The dot's colour in words, for the tooltip and for screen readers.
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, text)

    # -- title and dirty state ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.document.dirty

    def display_name(self) -> str:
        return self.document.path.name if self.document.path else "Unbenannt"

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] – {APP_TITLE}")
        self.setWindowModified(self.document.dirty)

    # -- file operations ----------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current Vorlage (saved, discarded or unchanged)."""
        self.flush()
        if not self.document.dirty:
            return True
        answer = self.dialogs.ask_unsaved(self.display_name())
        if answer == Unsaved.SAVE:
            return self.save()
        return answer == Unsaved.DISCARD

    def new_vorlage(self, vorlageart: str | None = None, federfuehrend: str | None = None) -> bool:
        if not self.maybe_save():
            return False
        grunddaten = Grunddaten()
        if vorlageart:
            grunddaten.vorlageart = vorlageart
        if federfuehrend and federfuehrend.strip():
            grunddaten.federfuehrend = dienststelle_from_text(federfuehrend, self.document.profile)
        self.document.replace(Vorlage(grunddaten=grunddaten), None)
        self.go_to(Section.GRUNDDATEN)
        self.statusBar().showMessage("Neue Vorlage angelegt.", 5000)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self.dialogs.open_project(self.settings.folder())
            if path is None:
                return False
        return self.load(Path(path))

    def load(self, path: Path, *, remember: bool = True) -> bool:
        try:
            vorlage = projectfile.load(path)
        except ProjectFileError as exc:
            self.dialogs.error("Datei kann nicht geöffnet werden", str(exc))
            if not path.exists() and str(path.resolve()) in self.settings.recent_files:
                self.settings.recent_files.remove(str(path.resolve()))
                self.settings.save()
                self.start_page.fill_recent()
            return False
        self.document.replace(vorlage, path if remember else None)
        if remember:
            self.settings.add_recent(path)
            self.start_page.fill_recent()
        self.go_to(Section.GRUNDDATEN)
        self.statusBar().showMessage(f"Geöffnet: {path}", 5000)
        return True

    def open_example(self) -> bool:
        """The example opens as a new, unnamed Vorlage: saving never overwrites the shipped file."""
        if not self.maybe_save():
            return False
        if not self.load(resource_path(*EXAMPLE), remember=False):
            return False
        self.statusBar().showMessage(
            "Beispiel FB 56/0319/WP18 geöffnet – als neue Vorlage; "
            "Speichern fragt nach einem Namen.",
            8000,
        )
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        path = self.dialogs.save_project(self._suggestion(projectfile.SUFFIX))
        if path is None:
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        self.flush()
        try:
            projectfile.save(self.document.vorlage, path)
        except ProjectFileError as exc:
            self.dialogs.error("Speichern fehlgeschlagen", str(exc))
            return False
        self.document.mark_saved(path)
        self.settings.add_recent(path)
        self.start_page.fill_recent()
        self.statusBar().showMessage(f"Gespeichert: {path}", 5000)
        return True

    def _suggestion(self, suffix: str) -> Path:
        folder = self.settings.folder() or Path.home()
        if self.document.path is not None:
            stem = self.document.path.name.removesuffix(projectfile.SUFFIX).removesuffix(".json")
            folder = self.document.path.parent
        else:
            nr = self.document.vorlage.grunddaten.vorlage_nr.strip()
            stem = re.sub(r"[^\w-]+", "_", nr).strip("_") or "Neue_Vorlage"
        return folder / f"{stem}{suffix}"

    # -- export -------------------------------------------------------------------------------
    def export_pdf(self, target: Path | None = None) -> bool:
        """Start the export in a worker; False if it did not start."""
        if self._job is not None:
            return False
        self.flush()
        found = self.all_problems()
        entwurf = False
        if has_errors(found):
            count = sum(1 for p in found if p.schwere == Schwere.FEHLER)
            if not self.dialogs.ask_export_with_errors(count):
                return False
            entwurf = True
        if target is None:
            target = self.dialogs.save_pdf(self._suggestion(".pdf"))
            if target is None:
                return False
        self.go_to(Extra.PRUEFEN)
        job = worker.ExportJob(
            self.document.snapshot(), Path(target), self.document.profile, entwurf=entwurf
        )
        job.signals.progress.connect(self.pruefen_page.set_progress)
        job.signals.progress.connect(self.exportProgress.emit)
        job.signals.finished.connect(self._export_done)
        job.signals.failed.connect(self._export_failed)
        self._job = job
        self.pruefen_page.set_busy(True)
        self.export_action.setEnabled(False)
        self.statusBar().showMessage("PDF wird erstellt …")
        worker.start(job, self.pool)
        return True

    def _export_finished_common(self) -> None:
        self._job = None
        self.pruefen_page.set_busy(False)
        self.export_action.setEnabled(True)

    def _export_done(self, path: Path) -> None:
        self._export_finished_common()
        self.statusBar().showMessage(f"PDF gespeichert: {path}", 8000)
        self.exportFinished.emit(path)
        answer = self.dialogs.ask_after_export(path)
        if answer == AfterExport.OPEN_PDF:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif answer == AfterExport.OPEN_FOLDER:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _export_failed(self, message: str, details: str) -> None:
        self._export_finished_common()
        self.statusBar().showMessage("PDF-Export fehlgeschlagen.", 8000)
        self.exportFailed.emit(message)
        self.dialogs.error("PDF-Export fehlgeschlagen", message, details)

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job is not None:
            self.dialogs.info("PDF wird erstellt", "Bitte warten, bis der PDF-Export fertig ist.")
            event.ignore()
            return
        if self.maybe_save():
            self.settings.window_geometry = bytes(self.saveGeometry().toHex().data()).decode()
            self.settings.save()
            event.accept()
        else:
            event.ignore()
