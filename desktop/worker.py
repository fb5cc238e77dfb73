"""Long work off the GUI thread: QThreadPool + QRunnable, results back as signals.

The operation gets a snapshot of the Vorlage and never touches a widget (Anki's QueryOp);
its `progress` callback is the renderer's, turned into a queued signal.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from forms.errors import VorlageError
from forms.model import Vorlage
from forms.profile import Profile

log = logging.getLogger(__name__)


class ExportSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # Path
    failed = Signal(str, str)  # German message, details


class ExportJob(QRunnable):
    def __init__(self, vorlage: Vorlage, target: Path, profile: Profile, *, entwurf: bool) -> None:
        super().__init__()
        self.vorlage = vorlage
        self.target = target
        self.profile = profile
        self.entwurf = entwurf
        self.signals = ExportSignals()
        # The pool must not delete the job while the GUI still holds its signals.
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            # Imported here, inside the try: a broken installation must fail the job, not
            # leave the GUI waiting for a signal that never comes.
            from forms.pdf import render_to_file

            render_to_file(
                self.vorlage,
                self.target,
                profile=self.profile,
                progress=lambda done, total: self.signals.progress.emit(done, total),
                entwurf=self.entwurf,
            )
        except VorlageError as exc:
            self.signals.failed.emit(str(exc), "")
        except Exception as exc:  # reported to the clerk, never lost in a thread
            log.exception("PDF-Export fehlgeschlagen")
            self.signals.failed.emit(
                f"Das PDF konnte nicht erstellt werden ({type(exc).__name__}: {exc}).",
                traceback.format_exc(),
            )
        else:
            self.signals.finished.emit(self.target)


def start(job: ExportJob, pool: QThreadPool | None = None) -> None:
    (pool or QThreadPool.globalInstance()).start(job)
