"""Entry point `vorlagen-assistent [DATEI]`.

Without a display (`--no-display`) the example is exported instead, so the README's run
command is useful on a server. `--smoke-test` builds the whole window without dialogs,
visits every page, exports the example through the real worker and checks the PDF.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
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


class _Version(argparse.Action):
    """--version: the installed version, looked up only when asked (importlib.metadata
    scans sys.path: ~30 ms of every start otherwise)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="Version anzeigen und beenden")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        import forms

        print(f"{parser.prog} {forms.__version__}")  # on stdout, as argparse's own
        parser.exit()


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vorlagen-assistent", description="Vorlagen-Assistent")
    parser.add_argument("--version", action=_Version)
    parser.add_argument("file", nargs="?", type=Path, metavar="DATEI", help="Projektdatei öffnen")
    parser.add_argument(
        "--profil",
        metavar="NAME|DATEI",
        help="Gemeindeprofil für diesen Start (installierte id oder Profildatei); sonst das "
        "in den Einstellungen gewählte",
    )
    parser.add_argument(
        "--no-display",
        action="store_true",
        help="ohne Bildschirm: das Beispiel als PDF nach out/ exportieren und den Pfad nennen",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="Fenster ohne Dialoge aufbauen, jede Seite zeigen, Beispiel-PDF erzeugen, prüfen",
    )
    return parser.parse_args(argv)


def export_example(out_dir: Path, profile: str | None = None) -> Path:
    """What the program does where no window can open: a real export of the example (of
    `profile`, else of the profile in use)."""
    from forms import profiles, projectfile
    from forms.errors import VorlageError
    from forms.pdf import render_to_file

    chosen = profiles.load(profile)
    example = profiles.example_path(chosen)
    if example is None:
        raise VorlageError(f"Das Profil „{chosen.name}“ bringt kein Beispiel mit.")
    vorlage = projectfile.load(example)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (example.name.removesuffix(projectfile.SUFFIX) + ".pdf")
    render_to_file(vorlage, target, profile=profiles.for_vorlage(vorlage.profil, chosen).profile)
    return target


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


def smoke_test() -> int:
    """Build everything, visit every page, export the example in the worker; 0 when all is well."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.dialogs import Dialogs
    from desktop.settings import Settings
    from forms.flow import STEPS

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="vorlagen-smoke-") as tmp:
        tmp_path = Path(tmp)
        dialogs = Dialogs(interactive=False)
        window = build_window(Settings(path=tmp_path / "einstellungen.json"), dialogs)
        session = window.session
        window.show()
        if not session.open_example():
            print("Smoke-Test: Beispiel ließ sich nicht öffnen.", file=sys.stderr)
            return 1
        for step in STEPS:
            window.go_to(step)
            app.processEvents()
        target = tmp_path / "beispiel.pdf"
        loop = QEventLoop()
        outcome: dict[str, str] = {}

        def finished(*_args: object) -> None:
            outcome.setdefault("ok", "")
            loop.quit()

        def failed(_kind: object, message: str) -> None:
            outcome.setdefault("error", message)
            loop.quit()

        session.exportFinished.connect(finished)
        session.exportFailed.connect(failed)
        QTimer.singleShot(180_000, loop.quit)
        if not session.export_pdf(target):
            print("Smoke-Test: Export ließ sich nicht starten.", file=sys.stderr)
            return 1
        loop.exec()
        if "ok" not in outcome:
            reason = outcome.get("error", "Zeitüberschreitung")
            print(f"Smoke-Test: Export fehlgeschlagen: {reason}", file=sys.stderr)
            return 1
        pages = _pdf_pages(target)
        problem = _smoke_preview(window, target, tmp_path / "druck.pdf") if pages else None
        spelling = _smoke_spelling(window)
        window.document.set_dirty(False)
        window.close()
        if pages < 1:
            print("Smoke-Test: Das erzeugte PDF hat keine Seiten.", file=sys.stderr)
            return 1
        if problem:
            print(f"Smoke-Test: {problem}", file=sys.stderr)
            return 1
        if spelling:
            print(f"Smoke-Test: Rechtschreibprüfung: {spelling}", file=sys.stderr)
            return 1
        print(
            f"Smoke-Test bestanden: {len(STEPS)} Assistentenseiten aufgebaut, "
            f"PDF mit {pages} Seite(n), Vorschau Seite 1 gezeigt, Seite 1 gedruckt, "
            "„Maßnahmme“ rot unterstrichen."
        )
    return 0


def _smoke_preview(window: MainWindow, exported: Path, printed: Path) -> str | None:
    """Vorschau of the example (PDFium renders page 1 of the export's bytes) and Drucken of
    page 1 to a PDF printer (QtPrintSupport); None when both worked, else what failed."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    def wait(done: Callable[[], bool]) -> bool:
        deadline = QDeadlineTimer(120_000)
        while not done() and not deadline.hasExpired():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return done()

    shown = window.show_preview()
    if not wait(lambda: bool(shown.views) and shown.views[0].image is not None):
        return "Die Vorschau zeigte Seite 1 nicht."
    if shown.preview.data != exported.read_bytes():
        return "Die Vorschau zeigt nicht das exportierte PDF."
    image = shown.views[0].image
    if image is None or image.isNull() or image.pixelColor(0, 0).name() != "#ffffff":
        return "Seite 1 der Vorschau ist leer oder unlesbar."

    def to_pdf(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 1)
        return True

    window.dialogs.answers["print"] = to_pdf
    sheets: list[int] = []
    from desktop.preview.printing import print_vorlage

    print_vorlage(window.session, shown.preview, shown, done=sheets.append)
    if not wait(lambda: bool(sheets)) or _pdf_pages(printed) != 1:
        return "Drucken in eine PDF-Datei ist fehlgeschlagen."
    return None


def _smoke_spelling(window: MainWindow) -> str:
    """The dictionary found and a misspelt word underlined in the Erläuterungen; "" if so."""
    import time

    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication, QTextEdit

    from desktop.widgets.spellcheck import underlined
    from forms.labels import Section

    checker = window.spelling.load_now()
    if not checker.loaded.result(timeout=60):
        return checker.error
    editor = window.go_to(Section.ERLAEUTERUNGEN).findChild(QTextEdit)
    if editor is None:
        return "kein Texteditor auf der Seite Erläuterungen"
    cursor = QTextCursor(editor.document())
    cursor.insertText("Die Maßnahmme wirkt.\n")
    first = editor.document().firstBlock()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if underlined(first):
            break
        time.sleep(0.01)
    if underlined(first) != [(4, 9)]:
        return f"„Maßnahmme“ nicht unterstrichen ({underlined(first)})"
    return ""


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        return 0
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def run_gui(file: Path | None, profil: str | None = None) -> int:
    from desktop.crash import install_excepthook, setup_logging
    from desktop.dialogs import Dialogs
    from desktop.settings import Settings

    log_path = setup_logging()
    app = create_application()
    dialogs = Dialogs()
    install_excepthook(dialogs, log_path)  # before the window, so its construction is covered
    settings = Settings.load()
    if profil:
        # An explicit --profil is checked before any window: a broken one ends the start.
        from forms.profiles import ProfileError, load

        try:
            load(profil)
        except ProfileError as exc:  # refused with the German message, never a traceback
            dialogs.error("Gemeindeprofil fehlerhaft", str(exc))
            print(f"Fehler: {exc}", file=sys.stderr)
            return 2
    from PySide6.QtCore import QTimer

    startup = Startup(settings, dialogs, file, profil=profil, deferred=True)
    startup.window.show()  # the shell; `finish` runs in the first idle moment after its paint
    # A window that is never painted (started minimised) finishes its start all the same.
    QTimer.singleShot(2000, startup.window.finish_start)
    prepare_event_loop()
    code = app.exec()
    del startup
    return code


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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    if args.smoke_test:
        return smoke_test()
    if args.no_display:
        from forms.errors import VorlageError

        try:
            target = export_example(Path.cwd() / "out", args.profil)
        except VorlageError as exc:
            print(f"Fehler: {exc}", file=sys.stderr)
            return 2
        print(
            "Kein Bildschirm gefunden – der Assistent kann kein Fenster öffnen.\n"
            f"Stattdessen wurde die Beispiel-Vorlage exportiert: {target}"
        )
        return 0
    return run_gui(args.file, args.profil)


if __name__ == "__main__":
    raise SystemExit(main())
