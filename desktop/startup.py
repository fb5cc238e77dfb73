"""Starting the wizard: the QApplication, the window's two-step start, the event loop's
settings.

`Startup` first builds the window's shell (side list, Start page, menus), which paints
before the Vorlage model, pydantic, the rules or a profile are imported; `finish` brings the
document, the session, the file, recovery and autosave in the first idle moment after that
paint (docs/performance.md, cold start; docs/architecture.md).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.autosave import Autosave
    from desktop.dialogs import Dialogs
    from desktop.mainwindow import MainWindow
    from desktop.session import Session
    from desktop.settings import Settings
    from forms.profile import Profile
    from forms.recovery import RecoverySession


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with German Qt strings and the stylesheet (before any widget exists)."""
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translations
    from desktop.style import stylesheet

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    app = app or QApplication(list(argv or [sys.argv[0]]))
    app.setApplicationName("Vorlagen-Assistent")
    # The program's identity, not the city's: one installation serves any profile, and
    # settings must not move when the clerk changes it (desktop/settings.py, docs/profile.md).
    app.setOrganizationName("Vorlagen-Assistent")
    app.setWindowIcon(application_icon())  # every window and, unfrozen, the taskbar entry
    install_translations(app)
    sheet = stylesheet()
    if app.styleSheet() != sheet:  # re-polishing every live widget is slow
        app.setStyle("Fusion")
        app.setStyleSheet(sheet)
    return app


def application_icon() -> QIcon:
    """The program's icon in every rendered size (resources/icons/, see scripts/make_icons.py)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from forms.resources import resource_path

    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = resource_path("icons", f"vorlagen-assistent-{size}.png")
        icon.addFile(str(png), QSize(size, size))
    return icon


def build_window(
    settings: Settings,
    dialogs: Dialogs,
    *,
    profile: Profile | None = None,
    pool: QThreadPool | None = None,
) -> MainWindow:
    """The whole wizard: the open Vorlage, the session of the clerk's actions, the window."""
    from desktop.mainwindow import MainWindow

    window = MainWindow(settings, dialogs)
    window.attach(new_session(settings, dialogs, profile, pool))
    return window


def new_session(
    settings: Settings,
    dialogs: Dialogs,
    profile: Profile | None = None,
    pool: QThreadPool | None = None,
) -> Session:
    """The open Vorlage (a new one of `profile`) and the clerk's actions on it."""
    from desktop.document import Document
    from desktop.jobs import Jobs
    from desktop.session import Session

    return Session(Document(profile=profile), dialogs, settings, Jobs(dialogs, pool))


def start(
    settings: Settings,
    dialogs: Dialogs,
    file: Path | None = None,
    recovery: RecoverySession | None = None,
    *,
    profil: str | None = None,
) -> tuple[MainWindow, Autosave]:
    """What `run_gui` shows, in one go: the window, the file, recovery offered, then
    autosave running. The profile: `profil` (--profil), else the setting, else asked on the
    first start when several are installed; a broken one raises ProfileError (German,
    naming the field)."""
    startup = Startup(settings, dialogs, file, recovery, profil=profil)
    startup.window.show()
    startup.finish()
    assert startup.autosave is not None
    return startup.window, startup.autosave


class Startup:
    """The two steps of a start (issue 19, cold start; docs/performance.md).

    First the window's shell – side list, Start page, menus – which needs neither the
    Vorlage model nor a profile and so paints after little more than Qt's own start; then,
    in the first idle moment after that paint (`MainWindow`'s first-paint hook runs
    `pending_start`), `finish`: the profile (possibly the first-start question), the
    document, the session, the file named on the command line, recovery and autosave. A
    click that comes earlier runs `finish` before it is handled.
    """

    def __init__(
        self,
        settings: Settings,
        dialogs: Dialogs,
        file: Path | None = None,
        recovery: RecoverySession | None = None,
        *,
        profil: str | None = None,
        deferred: bool = False,
    ) -> None:
        from desktop.mainwindow import MainWindow

        self.deferred = deferred

        self.settings, self.dialogs = settings, dialogs
        self.file, self.recovery, self.profil = file, recovery, profil
        self.autosave: Autosave | None = None
        self.window = MainWindow(settings, dialogs)
        self.window.pending_start = self.finish

    def finish(self) -> None:
        from desktop import autosave
        from desktop.profile_choice import start_profile

        window = self.window
        window.pending_start = None
        if window.attached:
            return
        profile = start_profile(self.settings, self.profil, self.dialogs.ask_profile)
        window.attach(new_session(self.settings, self.dialogs, profile))
        if self.settings.problem:
            self.dialogs.warning("Einstellungen nicht lesbar", self.settings.problem)
        if self.file is not None:
            window.session.load(self.file)
        self.autosave = autosave.install(window.session, self.recovery)
        if self.deferred:
            import gc

            gc.freeze()  # what the start built lives as long as the program: prepare_event_loop


def prepare_event_loop() -> None:
    """Keep the GUI thread responsive while exports run on a worker thread.

    Every Qt virtual called on a Python-made widget (a paint, a resize) takes the GIL. With a
    worker busy in Python, each such take waits up to the interpreter's switch interval (5 ms
    by default), so painting one page cost hundreds of ms during an export; 0.5 ms keeps the
    largest event-loop gap under 50 ms. Start-up objects (modules, Qt wrappers, pydantic
    schemas) live as long as the program: frozen, they are not rescanned by the full garbage
    collections a long export triggers, which hold the GIL too (~30 ms → ~5 ms).
    (benchmarks/run.py, UI responsiveness.)
    """
    import gc

    sys.setswitchinterval(0.0005)
    gc.freeze()
