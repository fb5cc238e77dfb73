#!/usr/bin/env python3
"""Vorschau refresh time (issue 15): an edit until page 1 is back on screen, small and long.

Run: `.venv/bin/python benchmarks/bench_preview.py` (offscreen, no display needed). For the
example (3 pages) and a long Vorlage (about 35 pages) it prints:

- the edit → page 1 of the new PDF painted, with the 400 ms pause the preview waits for after
  typing, and the refresh alone (render + rasterise the visible pages) without that pause;
- every page shown once (scrolling through, each page rasterised on first sight);
- rasterising all pages at once, as a lost earlier attempt did on every refresh (17 s for 35
  pages): what lazy rendering saves per edit;
- the longest GUI-thread pause while the refresh runs (a timer ticking every 5 ms).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from benchmarks.wizard import GapProbe, shown_wizard, wait  # noqa: E402
from benchmarks.workloads import seed, with_blocks  # noqa: E402
from desktop.preview import raster  # noqa: E402


def measure(label: str, window, vorlage) -> None:
    session = window.session
    window.document.replace(vorlage, None)
    shown = window.show_preview()
    wait(lambda: bool(shown.views) and shown.views[0].image is not None and not shown.preview.busy)
    preview = shown.preview
    pages = len(shown.views)
    meter = GapProbe(interval_ms=5)
    results: dict[str, list[float]] = {"pause": [], "alone": [], "gui": []}
    for run in range(3):
        for key, delay in (("pause", preview.DELAY_MS), ("alone", 0)):
            preview._timer.setInterval(delay)
            generation = preview.generation
            meter.start()
            start = time.perf_counter()
            betreff = f"{vorlage.grunddaten.betreff} ({key} {run})"
            window.document.set("grunddaten.betreff", betreff)
            wait(lambda g=generation: preview.generation > g and shown.views[0].image is not None)
            results[key].append(time.perf_counter() - start)
            results["gui"].append(meter.stop())
            wait(lambda: not preview.busy)
    preview._timer.setInterval(preview.DELAY_MS)
    start = time.perf_counter()
    for number in range(1, pages + 1):
        shown.go_to_page(number)
        wait(lambda n=number: shown.views[n - 1].image is not None)
    every_page = time.perf_counter() - start
    data = preview.data or b""
    start = time.perf_counter()
    raster.render_pages(data, range(pages), shown.dpi())
    all_at_once = time.perf_counter() - start
    print(
        f"{label:<34} {pages:3d} Seiten | Änderung → Seite 1 sichtbar: "
        f"{min(results['pause']) * 1000:6.0f} ms mit {preview.DELAY_MS} ms Tipp-Pause, "
        f"{min(results['alone']) * 1000:6.0f} ms Aktualisierung allein | "
        f"alle Seiten einmal gezeigt {every_page * 1000:6.0f} ms | "
        f"alle Seiten auf einmal gerastert {all_at_once * 1000:6.0f} ms | "
        f"längste GUI-Pause {max(results['gui']) * 1000:5.1f} ms"
    )
    session.document.set_dirty(False)
    shown.close()


def main() -> int:
    # prepared as the running program (switch interval, frozen start-up objects)
    with shown_wizard(event_loop=True) as (app, window):
        blocks = 470  # about 35 pages of Erläuterungen
        measure("Beispiel FB 56/0319/WP18", window, seed())
        measure(f"Erläuterungen {blocks} Absätze", window, with_blocks(blocks))
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
