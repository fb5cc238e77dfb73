"""The main window, a view: section list on the left, one page per step, menus.

Every menu entry and button is bound to an action of `desktop.session.Session`; the window
shows what the session reports (which step, a status line, busy and progress) and nothing
else. Section pages are built on first visit.

Two steps (issue 19, cold start): `MainWindow(settings, dialogs)` is the shell the clerk sees
first – side list, Start page, menu bar – and needs neither the Vorlage model nor a profile;
`attach(session)` brings the open Vorlage and everything that works on it. `desktop.startup`
attaches in the first idle moment after the first paint; any action of the clerk before that
finishes the start-up first (`session`), so nothing is lost or refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import screens
from desktop.menus import FileMenu, GoMenu, HelpMenu
from desktop.pages.base import Page, PageFrame
from desktop.pages.factory import section_page
from desktop.pages.start import StartPage
from desktop.sidelist import SectionList
from forms.labels import Section
from forms.steps import STEPS, Extra, Step

if TYPE_CHECKING:
    from desktop.dialogs import Dialogs
    from desktop.document import Document
    from desktop.editmenu import EditMenu
    from desktop.find import FindBar
    from desktop.pages.pruefen import PruefenPage
    from desktop.preview.window import PreviewWindow
    from desktop.session import Session
    from desktop.settings import Settings
    from desktop.spelling import SpellService
    from desktop.textbausteine import TextbausteinMenu
    from forms.rules import Problem

log = logging.getLogger(__name__)

APP_TITLE = "Vorlagen-Assistent"


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, dialogs: Dialogs) -> None:
        super().__init__()
        self.settings = settings
        self.dialogs = dialogs
        self._session: Session | None = None
        # What finishes the start-up (desktop.startup); run by `session` if asked for earlier.
        self.pending_start: Callable[[], object] | None = None
        self._preview_window: PreviewWindow | None = None
        if dialogs.parent is None:
            dialogs.parent = self
        self._build()
        self._build_menu()
        screens.place_window(self, settings)
        self.setWindowTitle(APP_TITLE)
        self.go_to(Extra.START)
        # After the first paint, in idle time: the page "Neue Vorlage" leads to (issue 19).
        self.installEventFilter(self)

    # -- the open Vorlage -------------------------------------------------------------------
    def finish_start(self) -> None:
        """Run the start-up's second step now if it is still pending (`desktop.startup`)."""
        if self._session is None and self.pending_start is not None:
            start, self.pending_start = self.pending_start, None
            start()

    @property
    def session(self) -> Session:
        """The clerk's actions; finishes a start-up still pending (a click before idle)."""
        self.finish_start()
        if self._session is None:
            raise RuntimeError("MainWindow.attach() was not called")
        return self._session

    @property
    def attached(self) -> bool:
        return self._session is not None

    @property
    def document(self) -> Document:
        return self.session.document

    def attach(self, session: Session) -> None:
        """The open Vorlage and everything that works on it (the second step of the start)."""
        from desktop.editmenu import EditMenu
        from desktop.find import FindBar
        from desktop.pages.pruefen import PruefenPage
        from desktop.spelling import SpellService
        from desktop.textbausteine import TextbausteinMenu

        self._session = session
        self.pending_start = None
        doc = session.document
        # The side list's markers run all checks; once per burst of typing is enough.
        self._markers_timer = QTimer(self)
        self._markers_timer.setSingleShot(True)
        self._markers_timer.setInterval(150)
        self._markers_timer.timeout.connect(self._update_markers)
        doc.modelChanged.connect(self._markers_timer.start)
        doc.dirtyChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.profileChanged.connect(self._drop_section_pages)
        doc.replaced.connect(self._reload_pages)
        doc.restored.connect(self._restored)
        # Spell checking of every free-text field; the dictionary loads with the first one.
        self.spelling: SpellService = SpellService(doc, parent=self)
        self.start_page.attach(doc)
        self.pruefen_page: PruefenPage = PruefenPage(doc)
        self._put_page(Extra.PRUEFEN, self.pruefen_page)
        start, pruefen = self.start_page, self.pruefen_page
        pruefen.jumpRequested.connect(self.jump_to_problem)
        pruefen.saveRequested.connect(session.save)
        pruefen.exportRequested.connect(lambda: session.export_pdf())
        pruefen.cancelRequested.connect(session.cancel)
        pruefen.previewRequested.connect(self.show_preview)
        # Suchen und Ersetzen (Strg+F, Strg+H), hidden until asked for.
        self.find_bar: FindBar = FindBar(doc, self, self)
        self._right_layout.insertWidget(self._right_layout.indexOf(self._footer), self.find_bar)
        self.edit_menu: EditMenu = EditMenu(self, self._edit_menu, doc, self.find_bar)
        self.textbausteine: TextbausteinMenu = TextbausteinMenu(
            self, self._insert_menu, doc, self.dialogs
        )
        self.file_menu.attach(session)
        session.navigate.connect(self.go_to)
        session.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        session.recentChanged.connect(start.fill_recent)
        session.jobs.busyChanged.connect(self._set_busy)
        session.exportProgress.connect(pruefen.set_progress)
        session.locks.changed.connect(self._update_lock_state)
        self._reload_pages()
        self._update_title()

    # -- construction -----------------------------------------------------------------------
    def _build_menu(self) -> None:
        # Every menu from the first paint: the bar never changes while the clerk looks at it.
        self.file_menu = FileMenu(
            self,
            lambda: self.session,
            self.settings,
            preview=self.show_preview,
            print_vorlage=self.print_vorlage,
            choose_profile=self.choose_profile,
        )
        self._edit_menu = self.menuBar().addMenu("Bea&rbeiten")  # Alt+B is the Betreff
        self._insert_menu = self.menuBar().addMenu("Einf&ügen")
        self.go_menu = GoMenu(self, self.go_to, self.step_by)
        self.help_menu = HelpMenu(self, lambda: self.document, self.dialogs, self.settings)

    def _build(self) -> None:
        self.start_page = StartPage(settings=self.settings)
        # The section pages are built on first visit (page()): building all nine at start-up
        # was a third of the cold start (benchmarks/run.py). `pages` holds the built ones.
        self.pages: dict[Step, PageFrame] = {Extra.START: self.start_page}
        # Through `session`: a click before the start-up's second step runs it first.
        start = self.start_page
        start.newRequested.connect(lambda art, fed: self.session.new_vorlage(art, fed))
        start.openRequested.connect(lambda path: self.session.open_file(path))
        start.exampleRequested.connect(lambda: self.session.open_example())
        start.import_button.setVisible(True)
        start.import_button.clicked.connect(lambda: self.session.import_vorlage())

        self.nav = SectionList(self)
        self.stack = QStackedWidget(self)
        for step in STEPS:
            self.stack.addWidget(self.pages.get(step) or QWidget(self.stack))
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.back_button = QPushButton("< &Zurück", self)
        self.next_button = QPushButton("&Weiter >", self)
        self.back_button.clicked.connect(lambda: self.step_by(-1))
        self.next_button.clicked.connect(lambda: self.step_by(1))
        self._footer = footer = QWidget(self)
        footer.setObjectName("pageFooter")
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(24, 8, 24, 10)
        footer_layout.addStretch(1)
        footer_layout.addWidget(self.back_button)
        footer_layout.addWidget(self.next_button)

        right = QWidget(self)
        self._right_layout = right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        # Opened read-only (someone else has the file open, desktop/locking.py): says so.
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        right_layout.addWidget(self.read_only_banner)
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

    def _put_page(self, step: Step, page: PageFrame) -> None:
        """`page` in the stack in place of the step's placeholder."""
        index = STEPS.index(step)
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.pages[step] = page

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
        from desktop.profile_choice import change_profile

        status = change_profile(self.document, self.dialogs, self.settings)
        if status:
            self.statusBar().showMessage(status, 8000)

    # -- navigation -------------------------------------------------------------------------
    def page(self, step: Step) -> PageFrame:
        """The page of a step; a section page is built the first time it is asked for."""
        page = self.pages.get(step)
        if page is None:
            assert isinstance(step, Section)  # Start and Prüfen exist from the start
            built = section_page(step, self.document, self.dialogs)
            self._put_page(step, built)
            built.reload()
            self.spelling.attach_binder(built.binder)
            page = built
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        """The first idle moment: the start-up's second step if pending (`desktop.startup`),
        then the page "Neue Vorlage" leads to, so that click only fills and shows it."""
        self.finish_start()
        if self.attached:
            self.page(Section.GRUNDDATEN)

    def current_step(self) -> Step:
        return STEPS[self.stack.currentIndex()]

    def go_to(self, step: Step) -> PageFrame:
        index = STEPS.index(step)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        else:
            self._nav_changed(index)
        return self.page(step)

    def _nav_changed(self, index: int) -> None:
        if index < 0:
            return
        if self.attached or index != 0:  # the shell's Start page has nothing to flush
            self.document.flush()
        page = self.page(STEPS[index])
        self.stack.setCurrentIndex(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(STEPS) - 1)
        page.shown()

    def step_by(self, delta: int) -> None:
        """Zurück (-1) and Weiter (+1), Strg+Bild auf/ab."""
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
            assert isinstance(page, Page)
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
        self.nav.mark(self.document.problems())

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
        if not self.attached:  # closed before the start-up finished: nothing open yet
            self.pending_start = None
            screens.remember_window(self, self.settings)
            self.settings.save()
            event.accept()
            return
        if self.session.may_close():
            screens.remember_window(self, self.settings)
            self.settings.save()
            self.spelling.close()
            event.accept()
        else:
            event.ignore()
