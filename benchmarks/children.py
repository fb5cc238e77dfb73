"""Child processes of the benchmarks; each prints one JSON line.

    python -m benchmarks.children render BLOCKS     render time, PDF size, pages, peak RSS
    python -m benchmarks.children responsiveness BLOCKS
                                                    largest event-loop gap while the wizard's
                                                    export worker renders the document
    python -m benchmarks.children typing BLOCKS      largest GUI-thread pause while a clerk
                                                    types into Erläuterungen of that size

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
from pathlib import Path

from benchmarks import workloads


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB.

    Linux: VmHWM from /proc, which starts afresh at exec. (ru_maxrss does not: Linux carries
    the parent's high-water mark across fork and exec, so every child would report at least
    the size of benchmarks/run.py.)
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return None
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, kB elsewhere
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


def responsiveness(blocks: int) -> dict[str, object]:
    """The wizard as the clerk has it, exporting a long Vorlage.

    Main window built and shown, the Vorlage opened, "PDF erstellen" through
    `Session.export_pdf` (its Job on the thread pool, progress bar on the review page);
    a 1 ms QTimer on the GUI thread records every tick.
    """
    from PySide6.QtCore import QTimer

    from desktop.dialogs import Dialogs
    from desktop.settings import Settings
    from desktop.startup import build_window, create_application, prepare_event_loop
    from forms.pdf import render as render_pdf

    def gaps_ms(stamps: list[float]) -> list[float]:
        return [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = create_application()
        settings = Settings(path=folder / "einstellungen.json")
        window = build_window(settings, Dialogs(interactive=False))
        window.show()
        prepare_event_loop()  # as desktop.app.run_gui does before the event loop starts
        render_pdf(workloads.seed())  # a previous export: imports and fonts are warm
        project = workloads.write(workloads.with_blocks(blocks), folder / "lang.vorlage.json")
        if not window.session.load(project):
            raise SystemExit("the long Vorlage could not be opened")
        app.processEvents()

        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        # Idle baseline: the loop's own hiccups on this (shared) machine.
        timer.start()
        QTimer.singleShot(1000, app.quit)
        app.exec()
        idle = gaps_ms(ticks)
        ticks.clear()

        finished: list[float] = []
        failed: list[str] = []

        def done(*_: object) -> None:
            finished.append(time.monotonic())
            app.quit()

        window.session.exportFinished.connect(done)
        window.session.exportFailed.connect(lambda _kind, message: (failed.append(message), done()))
        target = folder / "lang.pdf"
        started = time.monotonic()
        if not window.session.export_pdf(target):
            raise SystemExit("the export did not start")
        QTimer.singleShot(300_000, app.quit)
        app.exec()
        timer.stop()
        if failed or not finished:
            raise SystemExit(f"export failed: {failed or 'timeout'}")
        busy = gaps_ms([t for t in ticks if t <= finished[0]])
        pages = count_pages(target.read_bytes())
        window.document.set_dirty(False)
        window.close()
    return {
        "worker": "Session.export_pdf → desktop.jobs.Job (QThreadPool)",
        "export_seconds": finished[0] - started,
        "pages": pages,
        "max_gap_ms": max(busy, default=None),
        "p99_gap_ms": sorted(busy)[int(len(busy) * 0.99)] if busy else None,
        "ticks": len(busy),
        "idle_max_gap_ms": max(idle, default=None),
    }


TYPED = "Nachtrag zum Sachstand: die Mittel stehen bereit. "
KEY_INTERVAL_MS = 60  # ~170 keys a minute, a brisk typist


def typing(blocks: int, on_gui_thread: bool = False) -> dict[str, object]:
    """Type into the Erläuterungen of a long Vorlage, one key every KEY_INTERVAL_MS, for ~9 s,
    then wait until the model and the recovery copy hold every key (at most 60 s).

    The wizard as in run_gui: main window, the Vorlage opened, autosave installed (recovery
    copies into a temporary folder), prepare_event_loop(). A 1 ms QTimer records every tick;
    the figure is the largest gap between two ticks, i.e. the longest the GUI thread was
    busy with one thing (a key, the hand-over to the model, the checks, an autosave). Every
    timer of the wizard runs as it would: the editor's pause/max-wait hand-over, the side
    list's markers, autosave. At the end the recovery copy must hold every typed key.

    `on_gui_thread`: the hand-over as before issue 19 (the pause timer converts on the GUI
    thread, i.e. calls flush()), for the comparison in the same run.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from desktop import autosave
    from desktop.widgets.richtext import RichTextEditor

    if on_gui_thread:
        RichTextEditor._hand_over = RichTextEditor.flush  # type: ignore[method-assign]
    from desktop.dialogs import Dialogs
    from desktop.settings import Settings
    from desktop.startup import build_window, create_application, prepare_event_loop
    from forms.labels import Section
    from forms.recovery import RecoverySession

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = create_application()
        window = build_window(
            Settings(path=folder / "einstellungen.json"), Dialogs(interactive=False)
        )
        window.show()
        vorlage = workloads.with_blocks(blocks)
        project = workloads.write(vorlage, folder / "lang.vorlage.json")
        if not window.session.load(project):
            raise SystemExit("the long Vorlage could not be opened")
        recovery = RecoverySession(folder / "wiederherstellung")
        saver = autosave.install(window.session, recovery)
        prepare_event_loop()
        document = window.document
        page = window.go_to(Section.ERLAEUTERUNGEN)
        editor = page.editor.editor  # type: ignore[attr-defined]
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.setFocus()
        app.processEvents()

        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        keys = iter(TYPED * 3)
        typed: list[str] = []
        last_key: list[float] = []
        arrived: dict[str, float] = {}
        expected = (TYPED * 3).strip()
        copies = folder / "wiederherstellung"

        def arrival() -> None:
            """After the last key: wait (up to 60 s) until model and recovery copy have it."""
            now = time.monotonic()
            if "model" not in arrived and document.vorlage.erlaeuterungen.endswith(expected):
                arrived["model"] = now - last_key[0]
            if "copy" not in arrived and any(
                expected in c.read_text(encoding="utf-8") for c in copies.rglob("*.json")
            ):
                arrived["copy"] = now - last_key[0]
            if len(arrived) == 2 or now - last_key[0] > 60:
                # exit, not quit: quit() first closes the windows, and the dirty one refuses
                QTimer.singleShot(500, lambda: app.exit(0))
                return
            QTimer.singleShot(100, arrival)

        def press() -> None:
            key = next(keys, None)
            if key is None:
                last_key.append(time.monotonic())
                QTimer.singleShot(100, arrival)
                return
            QTest.keyClicks(editor, key)
            typed.append(key)
            QTimer.singleShot(KEY_INTERVAL_MS, press)

        timer.start()
        QTimer.singleShot(KEY_INTERVAL_MS, press)
        app.exec()
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        chars = len(document.vorlage.erlaeuterungen)
        window.document.set_dirty(False)
        window.close()
        del saver
    return {
        "chars": chars,
        "keys": len(typed),
        "max_gap_ms": max(gaps),
        "p99_gap_ms": sorted(gaps)[int(len(gaps) * 0.99)],
        "in_model": "model" in arrived,
        "in_recovery_copy": "copy" in arrived,
        "model_after_s": arrived.get("model"),
        "copy_after_s": arrived.get("copy"),
    }


def main(argv: list[str]) -> int:
    kind, blocks = argv[0], int(argv[1])
    jobs = {
        "render": render,
        "responsiveness": responsiveness,
        "typing": typing,
        "typing-on-gui-thread": lambda n: typing(n, on_gui_thread=True),
    }
    result = jobs[kind](blocks)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
