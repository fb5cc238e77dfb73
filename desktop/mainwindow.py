"""The main window, a view: section list on the left, one page per step, menus.

Every menu entry and button is bound to an action of `desktop.session.Session`; the window
shows what the session reports (which step, a status line, busy and progress) and nothing
else. Section pages are built on first visit.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import screens
from desktop.editmenu import EditMenu
from desktop.find import FindBar
from desktop.menus import FileMenu, GoMenu, HelpMenu
from desktop.pages.base import Page
from desktop.pages.grunddaten import GrunddatenPage
from desktop.pages.pruefen import FEHLER_COLOR, HINWEIS_COLOR, OK_COLOR, PruefenPage, dot_icon
from desktop.pages.start import StartPage
from desktop.profile_choice import change_profile
from desktop.session import Session
from desktop.spelling import SpellService
from desktop.textbausteine import TextbausteinMenu
from forms.flow import STEP_TITLES, STEPS, Extra, Step, section_state
from forms.labels import Section
from forms.rules import Problem, Schwere

if TYPE_CHECKING:
    from desktop.preview.window import PreviewWindow

log = logging.getLogger(__name__)

APP_TITLE = "Vorlagen-Assistent"


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document = session.document
        self.settings = session.settings
        self.dialogs = session.dialogs
        self._preview_window: PreviewWindow | None = None
        if self.dialogs.parent is None:
            self.dialogs.parent = self
        # The side list's markers run all checks; once per burst of typing is enough.
        self._markers_timer = QTimer(self)
        self._markers_timer.setSingleShot(True)
        self._markers_timer.setInterval(150)
        self._markers_timer.timeout.connect(self._update_markers)
        self.document.modelChanged.connect(self._markers_timer.start)
        self.document.dirtyChanged.connect(self._update_title)
        self.document.pathChanged.connect(self._update_title)
        self.document.profileChanged.connect(self._drop_section_pages)
        self.document.replaced.connect(self._reload_pages)
        self.document.restored.connect(self._restored)
        # Spell checking of every free-text field; the dictionary loads with the first one.
        self.spelling = SpellService(self.document, parent=self)
        self._build()
        self._build_menu()
        session.navigate.connect(self.go_to)
        session.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        session.recentChanged.connect(self.start_page.fill_recent)
        session.jobs.busyChanged.connect(self._set_busy)
        session.exportProgress.connect(self.pruefen_page.set_progress)
        session.locks.changed.connect(self._update_lock_state)
        screens.place_window(self, self.settings)
        self._reload_pages()
        self._update_title()
        self.go_to(Extra.START)
        # After the first paint, in idle time: the page "Neue Vorlage" leads to (issue 19).
        self.installEventFilter(self)

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
        session = self.session
        self.start_page.newRequested.connect(session.new_vorlage)
        self.start_page.openRequested.connect(session.open_file)
        self.start_page.exampleRequested.connect(session.open_example)
        self.start_page.import_button.setVisible(True)
        self.start_page.import_button.clicked.connect(lambda: session.import_vorlage())
        self.pruefen_page.jumpRequested.connect(self.jump_to_problem)
        self.pruefen_page.saveRequested.connect(session.save)
        self.pruefen_page.exportRequested.connect(lambda: session.export_pdf())
        self.pruefen_page.cancelRequested.connect(session.cancel)
        self.pruefen_page.previewRequested.connect(self.show_preview)

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
        # Opened read-only (someone else has the file open, desktop/locking.py): says so.
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        right_layout.addWidget(self.read_only_banner)
        right_layout.addWidget(self.stack, 1)
        # Suchen und Ersetzen (Strg+F, Strg+H), hidden until asked for.
        self.find_bar = FindBar(self.document, self, self)
        right_layout.addWidget(self.find_bar)
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
        self.file_menu = FileMenu(
            self,
            self.session,
            preview=self.show_preview,
            print_vorlage=self.print_vorlage,
            choose_profile=self.choose_profile,
        )
        self.edit_menu = EditMenu(self, self.document, self.find_bar)
        self.textbausteine = TextbausteinMenu(self, self.document, self.dialogs)
        self.go_menu = GoMenu(self, self.go_to, self._step)
        self.help_menu = HelpMenu(self, self.document, self.dialogs, self.settings)

    # -- Vorschau and Drucken ---------------------------------------------------------------
    def preview_window(self) -> PreviewWindow:
        """The preview window, built on first use (it brings PDFium along)."""
        if self._preview_window is None:
            from desktop.preview.controller import Preview
            from desktop.preview.window import PreviewWindow

            self.preview = Preview(self.session, self)
            self._preview_window = PreviewWindow(self.preview, self)
            self._preview_window.printRequested.connect(self.print_vorlage)
            self.session.closing.connect(self._close_preview)
        return self._preview_window

    def show_preview(self) -> PreviewWindow:
        window = self.preview_window()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def print_vorlage(self) -> None:
        from desktop.preview.printing import print_vorlage

        window = self.preview_window()
        print_vorlage(self.session, window.preview, window if window.isVisible() else self)

    def _close_preview(self) -> None:
        if self._preview_window is not None:
            self._preview_window.close()
            self._preview_window.preview.shutdown()

    def choose_profile(self) -> None:
        status = change_profile(self.document, self.dialogs, self.settings)
        if status:
            self.statusBar().showMessage(status, 8000)

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
            self.spelling.attach_binder(page.binder)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self.page(Section.GRUNDDATEN))
        return False

    def _make_page(self, step: Step) -> Page:
        # Each page's module imported when the page is built: the rich-text pages bring
        # markdown-it, which neither start-up nor "Neue Vorlage" → Grunddaten need (~0,3 s).
        doc = self.document
        if step == Section.GRUNDDATEN:
            return GrunddatenPage(doc)
        if step == Section.BERATUNGSFOLGE:
            from desktop.pages.beratungsfolge import BeratungsfolgePage

            return BeratungsfolgePage(doc)
        if step == Section.BESCHLUSSVORSCHLAG:
            from desktop.pages.beschlussvorschlag import BeschlussvorschlagPage

            return BeschlussvorschlagPage(doc)
        if step == Section.ERLAEUTERUNGEN:
            from desktop.pages.erlaeuterungen import ErlaeuterungenPage

            return ErlaeuterungenPage(doc)
        if step == Section.ANLAGEN:
            from desktop.pages.anlagen import AnlagenPage

            return AnlagenPage(doc, dialogs=self.dialogs)
        if step == Section.FINANZEN:
            from desktop.pages.finanzen import FinanzenPage

            return FinanzenPage(doc)
        if step == Section.KLIMARELEVANZ:
            from desktop.pages.klimarelevanz import KlimarelevanzPage

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

    def _nav_changed(self, index: int) -> None:
        if index < 0:
            return
        self.document.flush()
        page = self.page(STEPS[index])
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(STEPS) - 1)
        page.shown()

    def _step(self, delta: int) -> None:
        index = min(max(self.stack.currentIndex() + delta, 0), len(STEPS) - 1)
        self.go_to(STEPS[index])

    def jump_to_problem(self, problem: Problem) -> None:
        page = self.go_to(problem.section)
        if not page.focus_field(problem.field):
            page.setFocus()
        self.spelling.reveal(problem)  # an unknown word: selected

    def _drop_section_pages(self) -> None:
        """The open Vorlage belongs to another profile: its section pages (catalogues, hints,
        Klimarelevanz texts, further Auswirkungen) are built anew on the next visit."""
        for step in [s for s in self.pages if isinstance(s, Section)]:
            page = self.pages.pop(step)
            self.document.remove_editor(page.binder)
            index = STEPS.index(step)
            self.stack.insertWidget(index, QWidget(self.stack))
            self.stack.removeWidget(page)
            page.deleteLater()

    def _reload_pages(self) -> None:
        for page in self.pages.values():
            page.reload()
        self._update_markers()

    def _restored(self, focus: str) -> None:
        """Undo or redo changed the model: every built page shows it, the step's field gets
        the focus on its page."""
        for page in self.pages.values():
            page.sync()
        section = focus.partition(".")[0]
        if section in {s.value for s in Section}:
            page = self.go_to(Section(section))
            if not page.focus_field(focus):
                page.setFocus()

    def _update_markers(self) -> None:
        found = self.document.problems()
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

    # -- title, busy state, closing ---------------------------------------------------------
    def _update_title(self) -> None:
        mark = " (schreibgeschützt)" if self.session.locks.read_only else ""
        self.setWindowTitle(f"{self.document.display_name()}{mark}[*] – {APP_TITLE}")
        self.setWindowModified(self.document.dirty)

    def _update_lock_state(self) -> None:
        banner = self.session.locks.banner()
        self.read_only_banner.setText(banner)
        self.read_only_banner.setVisible(bool(banner))
        self.pruefen_page.save_button.setEnabled(not banner)
        self._update_title()

    def _set_busy(self, busy: bool) -> None:
        self.start_page.import_button.setEnabled(not busy)
        job = self.session.jobs.current
        self.pruefen_page.set_busy(busy, job.title if job is not None else "PDF-Export")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.may_close():
            screens.remember_window(self, self.settings)
            self.settings.save()
            self.spelling.close()
            event.accept()
        else:
            event.ignore()
