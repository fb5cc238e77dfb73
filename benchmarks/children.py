"""Child processes of the benchmarks; each prints one JSON line.

    python -m benchmarks.children render BLOCKS     render time, PDF size, pages, peak RSS
    python -m benchmarks.children responsiveness BLOCKS
                                                    largest event-loop gap while the wizard's
                                                    export worker renders the document

A fresh process per measurement keeps peak memory (ru_maxrss) honest: it is the high-water mark
of exactly one document's export.
"""

from __future__ import annotations

import io
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import workloads
from forms.model import Vorlage


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return None
    # ru_maxrss is in kB on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024


def count_pages(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def render(blocks: int) -> dict[str, object]:
    from forms.pdf import render as render_pdf

    # One-time costs (imports, font registration, profile parsing) are paid by a warm-up export
    # of the seed, as in the wizard after its first export; they are reported by the seed row.
    render_pdf(workloads.seed())
    vorlage = workloads.with_blocks(blocks)
    start = time.perf_counter()
    data = render_pdf(vorlage)
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    return {"seconds": seconds, "bytes": len(data), "pages": count_pages(data), "rss_mb": rss}


def _start_export(vorlage: Vorlage, target: Path, done: Callable[..., None]) -> str:
    """Start the export exactly as the wizard does: its ExportJob on the global QThreadPool."""
    from desktop import worker
    from forms.profile import load_profile

    job = worker.ExportJob(vorlage, target, load_profile(), entwurf=False)
    job.signals.finished.connect(done)
    job.signals.failed.connect(lambda message, _details: (print(message, file=sys.stderr), done()))
    # Progress is connected as in MainWindow: the signal's delivery is part of the load.
    job.signals.progress.connect(lambda _done, _total: None)
    worker.start(job)
    _jobs.append(job)  # the pool does not own it (autoDelete off)
    return "desktop.worker.ExportJob auf QThreadPool.globalInstance()"


_jobs: list[object] = []


def responsiveness(blocks: int) -> dict[str, object]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from forms.pdf import render as render_pdf

    app = QApplication(sys.argv[:1])
    render_pdf(workloads.seed())  # warm-up, as above
    vorlage = workloads.with_blocks(blocks)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))

    def gaps_ms(stamps: list[float]) -> list[float]:
        return [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]

    # Idle baseline: what the loop's ticks look like with nothing running (a shared machine
    # has its own hiccups).
    timer.start()
    QTimer.singleShot(1000, app.quit)
    app.exec()
    idle = gaps_ms(ticks)
    ticks.clear()

    finished: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "gross.pdf"

        def done(*_: object) -> None:
            finished.append(time.monotonic())
            app.quit()

        started = time.monotonic()
        worker = _start_export(vorlage, target, done)
        app.exec()
        timer.stop()
        busy = gaps_ms([t for t in ticks if t <= (finished[0] if finished else ticks[-1])])
        pages = count_pages(target.read_bytes()) if target.exists() else 0
    return {
        "worker": worker,
        "export_seconds": (finished[0] - started) if finished else None,
        "pages": pages,
        "max_gap_ms": max(busy, default=None),
        "p99_gap_ms": sorted(busy)[int(len(busy) * 0.99)] if busy else None,
        "ticks": len(busy),
        "idle_max_gap_ms": max(idle, default=None),
    }


def main(argv: list[str]) -> int:
    kind, blocks = argv[0], int(argv[1])
    result = render(blocks) if kind == "render" else responsiveness(blocks)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
