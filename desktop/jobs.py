"""Long work off the GUI thread: one `Job` on the thread pool, one default failure path.

Modelled on Anki's `QueryOp`: the operation runs on a pool thread with a snapshot of what it
needs and never touches a widget; its result, failure or progress come back to the GUI thread
as queued signals. A failure the caller does not handle itself goes to the error dialog, so
no error is ever lost in a thread. A job can be cancelled: the operation sees it through
`JobContext.cancelled()` (the renderer stops at its next step); a cancelled job reports
neither success nor failure.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.dialogs import Dialogs
from forms.errors import VorlageError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside an operation that noticed it was cancelled."""


@dataclass
class JobContext:
    """What an operation may use on its thread: report progress, ask whether to stop."""

    report: Callable[[int, int], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        """Report progress; raises Cancelled once the job was cancelled, which stops the
        renderer at its next step (it reports about a hundred times per export)."""
        self.check()
        self.report(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)  # German message, details
    ended = Signal()  # after success, failure or cancellation


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()


class Job:
    """`operation(context) -> result` on the pool; `title` names it in messages
    ("PDF-Export" → "PDF-Export fehlgeschlagen")."""

    def __init__(self, title: str, operation: Callable[[JobContext], Any]) -> None:
        self.title = title
        self.operation = operation
        self.signals = _Signals()
        self.context = JobContext(self.signals.progress.emit)

    def cancel(self) -> None:
        self.context._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled()

    def _run(self) -> None:
        """On the pool thread. Every outcome ends in exactly one `ended`."""
        try:
            result = self.operation(self.context)
        except Cancelled:
            pass
        except VorlageError as exc:
            if not self.cancelled:
                self.signals.failed.emit(str(exc), "")
        except Exception as exc:  # reported to the clerk, never lost in a thread
            log.exception("%s fehlgeschlagen", self.title)
            if not self.cancelled:
                self.signals.failed.emit(
                    f"{self.title} ist fehlgeschlagen ({type(exc).__name__}: {exc}).",
                    traceback.format_exc(),
                )
        else:
            if not self.cancelled:
                self.signals.succeeded.emit(result)
        self.signals.ended.emit()


class Jobs(QObject):
    """Runs one job at a time and says when it is busy (the window greys its actions)."""

    busyChanged = Signal(bool)

    def __init__(self, dialogs: Dialogs, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.dialogs = dialogs
        self.pool = pool or QThreadPool.globalInstance()
        self.current: Job | None = None
        self._alive: set[Job] = set()

    @property
    def busy(self) -> bool:
        return self.current is not None

    def run(
        self,
        title: str,
        operation: Callable[[JobContext], Any],
        on_success: Callable[[Any], None],
        *,
        on_failure: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job | None:
        """Start the job; None while another one runs."""
        if self.current is not None:
            return None

        job = Job(title, operation)

        def succeeded(result: Any) -> None:
            self._ended(job)  # the handler may start the next job
            on_success(result)

        def failed(message: str, details: str) -> None:
            self._ended(job)
            if on_failure is not None:
                on_failure(message, details)
            else:
                self.dialogs.error(f"{title} fehlgeschlagen", message, details)

        job.signals.succeeded.connect(succeeded)
        job.signals.failed.connect(failed)
        job.signals.ended.connect(lambda: self._release(job))
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        self.current = job
        self._alive.add(job)
        self.busyChanged.emit(True)
        self.pool.start(_Runnable(job))
        return job

    def _release(self, job: Job) -> None:
        # Held until its last signal arrived here: the signal object must die on this thread,
        # never on the pool thread while an event for it is still queued.
        self._ended(job)
        self._alive.discard(job)
        job.signals.deleteLater()

    def _ended(self, job: Job) -> None:
        if self.current is job:
            self.current = None
            self.busyChanged.emit(False)

    def cancel(self) -> None:
        """Stop the running job; its result is dropped and the runner is free at once."""
        job = self.current
        if job is not None:
            job.cancel()
            self._ended(job)
