"""A long rich text converted to Markdown on a worker thread, so typing never waits for it.

Converting the editor's document to the stored Markdown walks every block in Python and
normalises the result with markdown-it: ~60 ms at 50 000 characters, 1–2 s at 100 pages
(benchmarks/run.py, typing). Done on the GUI thread after every pause, each keystroke during
it waited. Here the GUI thread only takes a snapshot (`QTextDocument.clone()`, in C++) and a
worker thread converts the snapshot; the result comes back as a queued signal, tagged with the
editor's edit count at the snapshot, so the editor can tell whether it is still current.

One conversion at a time; the snapshot is released on the GUI thread (it is a QObject made
there). An exception in the worker is reported as `failed`: the editor then converts on the
GUI thread as before, so nothing typed is ever lost to a broken conversion.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument


class BackgroundMarkdown(QObject):
    finished = Signal(int, str)  # the edit count of the snapshot, its Markdown
    failed = Signal(int)
    _done = Signal(int, object)  # from the worker thread (queued to this object's thread)

    def __init__(self, parent: QObject, convert: Callable[[QTextDocument], str]) -> None:
        super().__init__(parent)
        self._convert = convert
        self._snapshot: QTextDocument | None = None
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._snapshot is not None

    def start(self, document: QTextDocument, edits: int) -> bool:
        """Convert a snapshot of `document`; False (nothing started) while one is running."""
        if self._snapshot is not None:
            return False
        self._snapshot = snapshot = document.clone()
        worker = threading.Thread(
            target=self._run, args=(snapshot, edits), name="markdown-handover", daemon=True
        )
        worker.start()
        return True

    def _run(self, snapshot: QTextDocument, edits: int) -> None:
        try:
            result: object = self._convert(snapshot)
        except Exception as exc:  # reported on the GUI thread, which converts itself
            result = exc
        del snapshot  # the last reference is dropped on the GUI thread (_deliver)
        # RuntimeError: the editor was closed meanwhile, nobody waits for the text.
        with contextlib.suppress(RuntimeError):
            self._done.emit(edits, result)

    def _deliver(self, edits: int, result: object) -> None:
        self._snapshot = None
        if isinstance(result, str):
            self.finished.emit(edits, result)
        else:
            self.failed.emit(edits)
