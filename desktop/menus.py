"""The menus Datei, Gehe zu and Hilfe (Bearbeiten: desktop/editmenu.py; Einfügen:
desktop/textbausteine.py).

Every Datei entry is an action of `desktop.session.Session` or a callback the window hands in
(Vorschau, Drucken, Einstellungen, Beenden); the menu follows the session's state itself: the
import and export entries are off while a job runs, Speichern while the file is open
read-only. "Zuletzt geöffnet" is filled from the settings each time it opens. Gehe zu has one
entry per step (Alt+0 … Alt+9) and the next and previous section; Hilfe the handbook (F1) and
the about box.

All of them are in the menu bar from the window's first paint, before the open Vorlage exists
(issue 19, cold start): the entries reach the session through a getter, the window's
`session`, which finishes a start-up still pending; `FileMenu.attach` follows the session's
state once it is there. Bearbeiten and Einfügen are filled then (`MainWindow.attach`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from forms.steps import STEP_TITLES, STEPS, Step

if TYPE_CHECKING:
    from desktop.dialogs import Dialogs
    from desktop.document import Document
    from desktop.session import Session
    from desktop.settings import Settings

Slot = Callable[[], object]
Keys = QKeySequence | QKeySequence.StandardKey | str | None


def _action(window: QMainWindow, menu: QMenu, text: str, slot: Slot, keys: Keys = None) -> QAction:
    act = QAction(text, window)
    if keys is not None:
        act.setShortcut(QKeySequence(keys))
    act.triggered.connect(lambda _checked=False: slot())
    menu.addAction(act)
    return act


class FileMenu(QObject):
    """Datei: new, open, recent, import, save, export, Vorschau, Drucken, settings, quit."""

    def __init__(
        self,
        window: QMainWindow,
        session: Callable[[], Session],
        settings: Settings,
        *,
        preview: Slot,
        print_vorlage: Slot,
        choose_profile: Slot,
    ) -> None:
        super().__init__(window)
        self.session = session
        self.settings = settings
        menu = self.menu = window.menuBar().addMenu("&Datei")

        def action(text: str, slot: Slot, keys: Keys = None) -> QAction:
            return _action(window, menu, text, slot, keys)

        self.new_action = action(
            "&Neu", lambda: session().new_vorlage(), QKeySequence.StandardKey.New
        )
        self.open_action = action(
            "Ö&ffnen…", lambda: session().open_file(), QKeySequence.StandardKey.Open
        )
        self.recent_menu = menu.addMenu("&Zuletzt geöffnet")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.import_action = action("&Importieren…", lambda: session().import_vorlage())
        self.import_action.setToolTip("Eine Vorlage aus dem Ratsinformationssystem übernehmen")
        menu.addSeparator()
        self.save_action = action(
            "&Speichern", lambda: session().save(), QKeySequence.StandardKey.Save
        )
        self.save_as_action = action(
            "Speichern &unter…", lambda: session().save_as(), "Ctrl+Shift+S"
        )
        menu.addSeparator()
        self.export_action = action("&PDF exportieren…", lambda: session().export_pdf(), "Ctrl+E")
        self.oparl_action = action("&OParl exportieren…", lambda: session().export_oparl())
        menu.addSeparator()
        # Word's keys: Strg+F2 Seitenansicht, Strg+P Drucken (desktop/preview/).
        self.preview_action = action("&Vorschau", preview, "Ctrl+F2")
        self.print_action = action("&Drucken…", print_vorlage, QKeySequence.StandardKey.Print)
        menu.addSeparator()
        self.settings_action = action("&Einstellungen…", choose_profile)
        menu.addSeparator()
        self.quit_action = action("&Beenden", window.close, "Ctrl+Q")

    def attach(self, session: Session) -> None:
        """The session exists: follow its busy and read-only state."""
        session.jobs.busyChanged.connect(self._set_busy)
        session.locks.changed.connect(lambda: self._update_lock_state(session))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for name in recent:
            act = self.recent_menu.addAction(Path(name).name)
            act.setToolTip(name)
            act.triggered.connect(lambda _c=False, n=name: self.session().open_file(Path(n)))
        if not recent:
            self.recent_menu.addAction("(keine)").setEnabled(False)

    def _set_busy(self, busy: bool) -> None:
        for act in (self.export_action, self.oparl_action, self.import_action, self.print_action):
            act.setEnabled(not busy)

    def _update_lock_state(self, session: Session) -> None:
        self.save_action.setEnabled(not session.locks.banner())  # "Speichern unter…" stays


class GoMenu(QObject):
    """Gehe zu: every step (Alt+number), Nächster and Vorheriger Abschnitt (Strg+Bild ab/auf)."""

    def __init__(
        self, window: QMainWindow, go_to: Callable[[Step], object], step: Callable[[int], None]
    ) -> None:
        super().__init__(window)
        menu = self.menu = window.menuBar().addMenu("&Gehe zu")
        for number, target in enumerate(STEPS):
            act = QAction(STEP_TITLES[target], window)
            if number < 10:
                act.setShortcut(QKeySequence(f"Alt+{number}"))
            act.triggered.connect(lambda _c=False, s=target: go_to(s))
            menu.addAction(act)
        menu.addSeparator()
        _action(window, menu, "Nächster Abschnitt", lambda: step(1), "Ctrl+PgDown")
        _action(window, menu, "Vorheriger Abschnitt", lambda: step(-1), "Ctrl+PgUp")


class HelpMenu(QObject):
    """Hilfe: Handbuch (F1, also while the menu bar is hidden) and Über den Vorlagen-Assistenten."""

    def __init__(
        self,
        window: QMainWindow,
        document: Callable[[], Document],
        dialogs: Dialogs,
        settings: Settings,
    ) -> None:
        super().__init__(window)
        self.owner = window
        self.document = document
        self.dialogs = dialogs
        self.settings = settings
        # No Alt letter: every letter of "Hilfe" is already a field's shortcut on some page.
        menu = self.menu = window.menuBar().addMenu("Hilfe")
        self.handbook_action = _action(
            window, menu, "Handbuch", self.show_handbook, QKeySequence.StandardKey.HelpContents
        )
        window.addAction(self.handbook_action)  # F1 also while the menu bar is unfocused
        self.about_action = _action(window, menu, "Über den Vorlagen-Assistenten", self.show_about)

    def show_handbook(self) -> None:
        from desktop.handbook import show_handbook

        show_handbook(self.owner)

    def show_about(self) -> None:
        import forms
        from desktop.crash import default_log_path

        version = forms.__version__
        document = self.document()
        profile, home = document.profile, document.home_profile
        shown = profile.name if profile is home else f"{profile.name} (eingestellt: {home.name})"
        self.dialogs.info(
            "Über den Vorlagen-Assistenten",
            f"Vorlagen-Assistent {version}\n"
            f"Gemeindeprofil: {shown}\n\n"
            "Ratsvorlagen schreiben, prüfen und als PDF exportieren – ohne Netzwerk.\n\n"
            f"Protokoll: {default_log_path()}\n"
            f"Einstellungen: {self.settings.path}",
        )
