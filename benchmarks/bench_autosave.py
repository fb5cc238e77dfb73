#!/usr/bin/env python3
"""What a save and an autosave cost on the GUI thread, by size of the Vorlage.

The wizard writes the recovery copy on the GUI thread (desktop/autosave.py) at most every
2–4 s while the clerk types, and runs problems() (with the printable-character scan) after
edits; both must stay far below a frame for ordinary Vorlagen.

Run: `.venv/bin/python benchmarks/bench_autosave.py`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms import projectfile, recovery  # noqa: E402
from forms.model import Beratung, Vorlage  # noqa: E402
from forms.rules import problems  # noqa: E402

PARAGRAPH = "Die Verwaltung berichtet über die Umsetzung der Maßnahme – „Aachen“. " * 6


def vorlage_of(size: int) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = "Sachstandsbericht"
    v.beratungsfolge = [Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung")] * 3
    v.erlaeuterungen = "\n\n".join([PARAGRAPH] * max(1, size // (len(PARAGRAPH) + 2)))
    return v


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'Größe':>10} {'save()':>10} {'Kopie':>10} {'load()':>10} {'problems()':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session = recovery.RecoverySession(folder / "kopien")
        target = folder / "x.vorlage.json"
        for size in (10_000, 100_000, 1_000_000, 1_950_000):  # 2 000 000 is the field limit
            v = vorlage_of(size)
            save = best_of(5, lambda v=v: projectfile.save(v, target))
            copy = best_of(5, lambda v=v: session.write(v, target))
            load = best_of(5, lambda: projectfile.load(target))
            check = best_of(5, lambda v=v: problems(v))
            print(
                f"{size / 1000:>8.0f} kB {save * 1000:>8.1f} ms {copy * 1000:>8.1f} ms "
                f"{load * 1000:>8.1f} ms {check * 1000:>9.1f} ms"
            )
        session.close()


if __name__ == "__main__":
    main()
