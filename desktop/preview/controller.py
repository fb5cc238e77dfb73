"""`Preview`: the PDF of the open Vorlage as the export makes it, kept current while shown.

The PDF is rendered by the export's own call (`desktop.exports.render_pdf`, the same snapshot
and ENTWURF decision as `Session.pdf_source`) in a `Job` of its own runner: a refresh never
greys "PDF exportieren", and the clerk types on while it runs. An edit marks the PDF stale,
cancels a refresh under way (it stops at the renderer's next progress report) and waits for
a pause in typing (`DELAY_MS`) before the next one.

Pages are rasterised lazily: only the pages the view says are visible (`want`), one job per
batch, cached by (page, resolution) for the current PDF. A refresh renders the PDF and the
visible pages in one job, so the first page is back on screen with the new bytes. (A lost
earlier attempt rasterised every page on every refresh: 17 s for 35 pages.)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from desktop.exports import PdfSource, render_pdf
from desktop.jobs import Job, JobContext, Jobs
from desktop.preview import raster

if TYPE_CHECKING:
    from desktop.session import Session

CACHE_PAGES = 24  # rasterised pages kept (A4 at 100 % is ~3.6 MB)


@dataclass(frozen=True)
class Rendered:
    """A refresh's result: the new PDF, its page sizes and the pages asked for."""

    data: bytes
    entwurf: bool
    sizes: list[raster.Size]
    dpi: float
    images: dict[int, QImage] = field(default_factory=dict)


def _key(index: int, dpi: float) -> tuple[int, float]:
    return index, round(dpi, 2)


class Preview(QObject):
    changed = Signal()  # new PDF bytes: page count and sizes may differ
    pageReady = Signal(int)  # an image of this page (at the wanted resolution) is cached
    busyChanged = Signal(bool)
    failed = Signal(str)  # German message; the view shows it, no dialog while typing

    DELAY_MS = 400

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # A runner of its own on the session's pool: never greys the export, one job at a time.
        self.jobs = Jobs(session.dialogs, session.jobs.pool)
        self.data: bytes | None = None
        self.entwurf = False
        self.sizes: list[raster.Size] = []
        self.generation = 0  # counts the PDFs shown
        self.stale = True
        self._active = False
        self._closed = False
        self._wanted: list[int] = [0]
        self._dpi = 96.0
        self._cache: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._refresh_job: Job | None = None
        self._waiting: list[Callable[[bytes], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self._schedule)
        # The runner says "free" before it hands the result over: look for work after that.
        self._kick = QTimer(self)
        self._kick.setSingleShot(True)
        self._kick.setInterval(0)
        self._kick.timeout.connect(self._schedule)
        session.document.modelChanged.connect(self._model_changed)
        self.jobs.busyChanged.connect(self._busy_changed)

    # -- what the view asks for ------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def activate(self) -> None:
        """Shown: bring the PDF up to date now (pending editor text first)."""
        if self._closed:
            return
        self._active = True
        self.session.document.flush()  # may report a change: the timer is stopped below
        self._timer.stop()
        self.stale = True
        self._cancel_refresh()
        self._schedule()

    def deactivate(self) -> None:
        """Hidden: no more work (a running job still ends and is kept)."""
        self._active = False
        self._timer.stop()

    def want(self, indexes: list[int], dpi: float) -> None:
        """The pages the view shows now, at `dpi` device pixels per inch."""
        self._wanted = list(dict.fromkeys(indexes))
        self._dpi = dpi
        self._schedule()

    def image(self, index: int, dpi: float | None = None) -> QImage | None:
        key = _key(index, self._dpi if dpi is None else dpi)
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def when_current(self, callback: Callable[[bytes], None]) -> None:
        """`callback(pdf)` with the PDF of the Vorlage as it is now (after a refresh if
        needed); for Drucken. Pending editor text is taken over first."""
        self.session.document.flush()
        if not self.stale and self.data is not None and not self._timer.isActive():
            callback(self.data)
            return
        self._waiting.append(callback)
        self._timer.stop()
        self._schedule(force=True)

    def shutdown(self) -> None:
        """The window closes: stop, and wait until no job of ours runs on the pool."""
        self._closed = True
        self._active = False
        self._timer.stop()
        self._kick.stop()
        self._waiting.clear()
        job = self.jobs.current
        if job is not None:
            job.cancel()
            self.jobs.pool.waitForDone(10_000)
        self._cache.clear()

    # -- scheduling ------------------------------------------------------------------------
    def _model_changed(self) -> None:
        self.stale = True
        self._cancel_refresh()
        if self._active or self._waiting:
            self._timer.start()

    def _cancel_refresh(self) -> None:
        job = self._refresh_job
        if job is not None and job is self.jobs.current:
            job.cancel()  # its result is dropped; the runner frees when it has stopped

    def _busy_changed(self, busy: bool) -> None:
        self.busyChanged.emit(busy)
        if not busy:
            self._refresh_job = None
            self._kick.start()

    def _schedule(self, *, force: bool = False) -> None:
        if self._closed or self.jobs.busy or self._timer.isActive():
            return
        if not (self._active or force or self._waiting):
            return
        if self.stale:
            self._start_refresh()
            return
        if not self._active:
            return
        count = len(self.sizes)
        missing = [i for i in self._wanted if i < count and _key(i, self._dpi) not in self._cache]
        if missing and self.data is not None:
            self._start_pages(self.data, missing, self._dpi)

    def _start_refresh(self) -> None:
        source: PdfSource = self.session.pdf_source(flush=False)
        wanted, dpi, active = list(self._wanted), self._dpi, self._active

        def refresh(context: JobContext) -> Rendered:
            data = render_pdf(source, context)
            sizes = raster.page_sizes(data)
            images = raster.render_pages(data, wanted, dpi, context.check) if active else {}
            return Rendered(data, source.entwurf, sizes, dpi, images)

        self.stale = False
        self._refresh_job = self.jobs.run(
            "Vorschau", refresh, self._refreshed, on_failure=self._failed
        )

    def _start_pages(self, data: bytes, indexes: list[int], dpi: float) -> None:
        def pages(context: JobContext) -> tuple[bytes, float, dict[int, QImage]]:
            return data, dpi, raster.render_pages(data, indexes, dpi, context.check)

        self.jobs.run("Vorschau", pages, self._pages_done, on_failure=self._failed)

    # -- results (GUI thread) --------------------------------------------------------------
    def _refreshed(self, result: Rendered) -> None:
        if self._closed:
            return
        self.data = result.data
        self.entwurf = result.entwurf
        self.sizes = result.sizes
        self.generation += 1
        self._cache.clear()
        self._store(result.images, result.dpi)
        waiting, self._waiting = self._waiting, []
        self.changed.emit()
        for index in result.images:
            self.pageReady.emit(index)
        for callback in waiting:
            callback(result.data)

    def _pages_done(self, result: tuple[bytes, float, dict[int, QImage]]) -> None:
        data, dpi, images = result
        if self._closed or data is not self.data:
            return  # rendered from a PDF that was replaced meanwhile
        self._store(images, dpi)
        for index in images:
            self.pageReady.emit(index)

    def _store(self, images: dict[int, QImage], dpi: float) -> None:
        for index, image in images.items():
            self._cache[_key(index, dpi)] = image
        wanted = {_key(i, self._dpi) for i in self._wanted}
        for key in list(self._cache):
            if len(self._cache) <= CACHE_PAGES:
                break
            if key not in wanted:
                del self._cache[key]

    def _failed(self, message: str, details: str) -> None:
        self.stale = True  # the next edit or showing tries again
        if self._waiting:  # Drucken was waiting for this PDF: say why nothing is printed
            self._waiting.clear()
            self.session.dialogs.error("Drucken nicht möglich", message, details)
        self.failed.emit(message)
