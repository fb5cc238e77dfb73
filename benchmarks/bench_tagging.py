#!/usr/bin/env python3
"""What tagging (PDF/UA-1) and PDF/A-2 cost at export (issue 5 target: at most +30 %).

Run: `.venv/bin/python benchmarks/bench_tagging.py`. Renders each Vorlage alternately without
(`render(..., tagged=False)`, reportlab's plain output) and with tagging, takes the
best CPU time of each and prints both, the overhead, and where the extra time goes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

from forms import projectfile  # noqa: E402
from forms.model import Beratung, Vorlage  # noqa: E402
from forms.pdf import document, pdfa, render  # noqa: E402
from tests.forms.pdfutil import long_markdown  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
TARGET = 0.30


def _cpu(vorlage: Vorlage, archival: bool) -> tuple[float, bytes]:
    start = time.process_time()
    data = render(vorlage, tagged=archival)
    return time.process_time() - start, data


def _finish_share(vorlage: Vorlage) -> float:
    """CPU seconds of the post-processing alone (structure tree, XMP, incremental update)."""
    spent = 0.0
    original = pdfa.finish

    def timed(*args, **kw):
        nonlocal spent
        start = time.process_time()
        try:
            return original(*args, **kw)
        finally:
            spent += time.process_time() - start

    document.pdfa.finish = timed  # type: ignore[assignment]
    try:
        render(vorlage)
    finally:
        document.pdfa.finish = original  # type: ignore[assignment]
    return spent


def _measure(label: str, vorlage: Vorlage, runs: int) -> float:
    plain = tagged = float("inf")
    data = b""
    for _ in range(runs):
        cpu, _ = _cpu(vorlage, archival=False)
        plain = min(plain, cpu)
        cpu, data = _cpu(vorlage, archival=True)
        tagged = min(tagged, cpu)
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    overhead = tagged / plain - 1
    post = _finish_share(vorlage)
    print(
        f"{label:<30} {pages:4d} S.  ohne Tags {plain:6.3f} s  mit Tags {tagged:6.3f} s"
        f"  {overhead * 100:+6.1f} %  (davon Nachbearbeitung {post:5.3f} s)"
    )
    return overhead


def _long(sections: int, beratungen: int = 0) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = "Lange Vorlage"
    v.beschlussvorschlag = "1. Erstens\n2. Zweitens\n   - innen a\n   - innen b\n3. Drittens"
    v.erlaeuterungen = long_markdown(sections)
    v.beratungsfolge = [
        Beratung(gremium=f"Bezirksvertretung {i:03d}", rolle="Anhörung", datum=dt.date(2025, 1, 1))
        for i in range(beratungen)
    ]
    return v


def main() -> None:
    render(Vorlage())  # fonts and parser warm, as in the running wizard
    print("CPU-Zeit (bestes von n Läufen), Export ohne und mit Tagging/PDF-A:")
    worst = max(
        _measure("Beispiel FB 56/0319/WP18", projectfile.load(EXAMPLE), runs=5),
        _measure("60 Abschnitte + 90 Beratungen", _long(60, 90), runs=3),
        _measure("125 Abschnitte", _long(125), runs=2),
    )
    verdict = "erfüllt" if worst <= TARGET else "VERFEHLT"
    print(f"Größter Mehraufwand {worst * 100:+.1f} % – Ziel ≤ {TARGET * 100:.0f} %: {verdict}")


if __name__ == "__main__":
    main()
