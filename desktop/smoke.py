"""`vorlagen-assistent --smoke-test`: the whole window built without dialogs, every page
visited, the example exported through the real worker, previewed, printed to a PDF and
spell-checked; exit code 0 when all of it worked (the bundle's check, docs/packaging.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.startup import build_window, create_application

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow


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
