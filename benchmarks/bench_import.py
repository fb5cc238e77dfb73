#!/usr/bin/env python3
"""Page-text import time: the seed page, a page with 100-fold Erläuterungen (a long
Wirtschaftsplan-style Vorlage), and hostile pages up to the 8 MB limit (one long run of spaces
or tabs in a title- or separator-like line, which made the old backtracking regexes quadratic:
205 KB took over a minute). Time must grow linearly with the size: the last column is the
time per MiB, which should stay about constant.

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
    mib = len(text.encode("utf-8")) / (1024 * 1024)
    print(
        f"{label:<34} {best * 1000:9.1f} ms ({cpu * 1000:9.1f} ms CPU)"
        f"  {mib * 1024:8.1f} KiB  {best * 1000 / mib:8.1f} ms/MiB"
    )


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    _measure("Seed-Seite", seed)
    head, _, rest = seed.partition("Erläuterungen:\n")
    body, _, tail = rest.partition("Auswirkungen\n")
    _measure("Erläuterungen x100", f"{head}Erläuterungen:\n{body * 100}Auswirkungen\n{tail}")
    limit = 8 * 1024 * 1024 - 100
    for size in (205 * 1024, 1024 * 1024, limit):
        kib = f"{size // 1024} KiB"
        # The hostile line sits in front of the seed page, so the whole import runs.
        title = "Kenntnisnahme" + " " * size + "x - FB 1/100/WP1\n"
        _measure(f"Titelzeile, Leerzeichen {kib}", title + seed, 1)
        separator = "---" + "\t" * size + "|x\n"
        hostile = seed.replace("Beratungsfolge\n", "Beratungsfolge\n" + separator, 1)
        _measure(f"Trennzeile, Tabs {kib}", hostile, 1)
    # Many ordinary lines up to the limit (the Erläuterungen then exceed the model's 2 000 000
    # characters and are reported, not taken; the reading is what is measured).
    repeats = (limit - len(seed.encode("utf-8"))) // len((body + "\n").encode("utf-8"))
    big = f"{head}Erläuterungen:\n{(body + chr(10)) * repeats}Auswirkungen\n{tail}"
    _measure("Erläuterungen fast 8 MB", big, 1)


if __name__ == "__main__":
    main()
