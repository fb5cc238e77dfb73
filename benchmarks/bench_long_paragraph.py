#!/usr/bin/env python3
"""Export time of one very long paragraph (issue 13.11: must grow linearly with its length).

Run: `.venv/bin/python benchmarks/bench_long_paragraph.py [--quick]`. Prints seconds (wall
and CPU) and µs CPU per character for plain text and for text with inline markup; before
forms/pdf/longpara.py 320 000 characters took 12 s and 640 000 took 72 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms.model import Vorlage  # noqa: E402
from forms.pdf import render  # noqa: E402

PLAIN = "Lorem ipsum dolor sit amet Straßenbahn Öffentlichkeit "
MARKUP = PLAIN * 19 + "**fett** *kursiv* [Link](https://example.org) "


def _paragraph(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length].rstrip()


def _measure(label: str, text: str) -> None:
    vorlage = Vorlage()
    vorlage.erlaeuterungen = text
    start, start_cpu = time.perf_counter(), time.process_time()
    data = render(vorlage)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(
        f"{label:<10} {len(text):>9,d} Zeichen  {wall:6.2f} s ({cpu:6.2f} s CPU)  "
        f"{cpu / len(text) * 1e6:5.2f} µs CPU/Zeichen  {len(data) / 1024:7.0f} KiB"
    )


def main() -> None:
    render(Vorlage())  # fonts and parser warm
    lengths = (
        (80_000, 160_000, 320_000)
        if "--quick" in sys.argv
        else (80_000, 160_000, 320_000, 640_000, 1_280_000, 2_000_000)
    )
    for length in lengths:
        _measure("Text", _paragraph(PLAIN, length))
    for length in lengths:
        _measure("Markup", _paragraph(MARKUP, length))


if __name__ == "__main__":
    main()
