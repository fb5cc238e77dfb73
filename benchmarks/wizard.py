"""The wizard as the GUI benchmarks drive it: settings in a temporary folder, dialogs that
answer without blocking, the window shown; closed clean (no question about unsaved work).

A script run as a file puts the repository on `sys.path` and sets `QT_QPA_PLATFORM=offscreen`
before it imports this module.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.mainwindow import MainWindow
    from desktop.widgets.markdownedit import MarkdownTextEdit


@contextlib.contextmanager
def shown_wizard(*, event_loop: bool = False) -> Iterator[tuple[QApplication, MainWindow]]:
    """The application and its main window, shown. `event_loop`: prepared as the running
    program does before its event loop starts (switch interval, frozen start-up objects)."""
    from desktop.dialogs import Dialogs
    from desktop.settings import Settings
    from desktop.startup import build_window, create_application, prepare_event_loop

    app = create_application()
    if event_loop:
        prepare_event_loop()
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(Settings(path=Path(tmp) / "s.json"), Dialogs(interactive=False))
        window.show()
        try:
            yield app, window
        finally:
            window.document.set_dirty(False)
            window.close()


def erlaeuterungen_editor(window: MainWindow, text: str) -> MarkdownTextEdit:
    """The Erläuterungen page showing `text`, its editor focused with the cursor at the end."""
    from desktop.pages.erlaeuterungen import ErlaeuterungenPage
    from forms.labels import Section

    window.document.set("erlaeuterungen", text)
    page = window.go_to(Section.ERLAEUTERUNGEN)
    assert isinstance(page, ErlaeuterungenPage)
    page.reload()
    editor = page.editor.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    return editor


def wait(done: Callable[[], bool], limit: float = 120.0) -> float:
    """Seconds until `done()`, the events processed meanwhile; TimeoutError after `limit`.
    (The short sleep lets worker threads have the interpreter lock.)"""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"not done after {limit} s")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.0005)
    return time.perf_counter() - start


class GapProbe:
    """The longest time the GUI thread did not get to run a timer ticking every `interval_ms`
    (how long it was held); `with GapProbe() as probe:` or `start()` … `stop()`."""

    def __init__(self, interval_ms: int = 1) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest

    def __enter__(self) -> GapProbe:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
