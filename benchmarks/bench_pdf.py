#!/usr/bin/env python3
"""PDF render times (issue 7 targets: 100-page Erläuterungen under 3 s, time per page flat).

Run: `.venv/bin/python benchmarks/bench_pdf.py`. Prints seconds, pages, s/page and size.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

from forms import projectfile  # noqa: E402
from forms.model import Vorlage  # noqa: E402
from forms.pdf import render  # noqa: E402
from tests.forms.pdfutil import long_markdown  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"


def _measure(label: str, vorlage: Vorlage, runs: int = 3) -> None:
    # CPU time next to wall time: the build machines are shared, wall time is noisy there.
    best = cpu = float("inf")
    data = b""
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = render(vorlage)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    print(
        f"{label:<28} {best:6.3f} s ({cpu:6.3f} s CPU)  {pages:4d} Seiten"
        f"  {cpu / pages * 1000:5.1f} ms CPU/Seite  {len(data) / 1024:7.1f} KiB"
    )


def main() -> None:
    render(Vorlage())  # fonts and parser warm, as in the running wizard
    _measure("Beispiel FB 56/0319/WP18", projectfile.load(EXAMPLE))
    for sections in (30, 60, 125, 250):
        v = Vorlage()
        v.erlaeuterungen = long_markdown(sections)
        _measure(f"Erläuterungen {sections} Abschnitte", v, runs=2)


if __name__ == "__main__":
    main()
