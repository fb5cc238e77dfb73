#!/usr/bin/env python3
"""Ratsinfo import time: the seed page and a page with 100-fold Erläuterungen (a long
Wirtschaftsplan-style Vorlage). The import runs on the GUI thread, so it must stay well under
a tenth of a second for ordinary pages.

Run: `.venv/bin/python benchmarks/bench_import.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms.imports import pagetext  # noqa: E402

SEED = ROOT / "resources" / "examples" / "FB_56_0319_WP18.ratsinfo.txt"


def _measure(label: str, text: str, runs: int = 5) -> None:
    best = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pagetext.parse(text)
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    print(f"{label:<24} {best * 1000:8.1f} ms ({cpu * 1000:8.1f} ms CPU)"
          f"  {len(text) / 1024:7.1f} KiB")


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    _measure("Seed-Seite", seed)
    head, _, rest = seed.partition("Erläuterungen:\n")
    body, _, tail = rest.partition("Auswirkungen\n")
    _measure("Erläuterungen x100", f"{head}Erläuterungen:\n{body * 100}Auswirkungen\n{tail}")


if __name__ == "__main__":
    main()
