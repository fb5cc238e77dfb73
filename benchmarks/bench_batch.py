#!/usr/bin/env python3
"""Batch export throughput: N copies of the seed in ONE `vorlage pdf … --ausgabe` call (pool of
workers, and one process) against N separate `vorlage pdf` processes, and against LibreOffice
converting the equivalent .odt files (benchmarks/odt.py) in one call, if `soffice` is installed.

Run: `.venv/bin/python benchmarks/bench_batch.py [N] [RUNS]` (defaults 20 and 3). Whole processes,
wall time (median of RUNS), Vorlagen per second. CPU time of the children is printed next to it:
on a shared machine wall time is noisy, and a pool can only win when a second core is free.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.odt import soffice_command, write_odt  # noqa: E402
from forms import projectfile  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
VORLAGE = [sys.executable, "-m", "forms"]


def _timed(commands: list[list[str]], env: dict[str, str]) -> tuple[float, float]:
    """Wall and children's CPU seconds of running `commands` one after another."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return wall, cpu


def _measure(
    label: str, commands: list[list[str]], env: dict[str, str], n: int, runs: int
) -> float:
    timings = [_timed(commands, env) for _ in range(runs)]
    wall = statistics.median(t[0] for t in timings)
    cpu = statistics.median(t[1] for t in timings)
    print(f"{label:<52} {wall:7.2f} s  {cpu:7.2f} s CPU  {n / wall:6.1f} Vorlagen/s", flush=True)
    return wall


def _workers(n: int) -> int:
    from forms.batch import default_workers

    return default_workers(n)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    print(
        f"{n} Kopien der Seed-Vorlage, Median aus {runs} Läufen; {os.cpu_count()} Kerne, "
        f"Last (1/5/15 min) {load}"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        inputs = tmp / "ein"
        inputs.mkdir()
        for i in range(n):
            shutil.copyfile(EXAMPLE, inputs / f"vorlage_{i:03d}.vorlage.json")
        files = sorted(str(p) for p in inputs.iterdir())
        batch = [*VORLAGE, "pdf", str(inputs / "*.vorlage.json"), "--ausgabe", str(tmp / "aus")]
        _timed([batch], env)  # warm the page cache and .pyc files
        results = {
            "pool": _measure(
                f"ein Aufruf, Vorgabe ({_workers(n)} Prozess(e))", [batch], env, n, runs
            ),
            "one": _measure(
                "ein Aufruf, --prozesse 1", [[*batch, "--prozesse", "1"]], env, n, runs
            ),
            "separate": _measure(
                f"{n} einzelne `vorlage pdf`-Prozesse",
                [
                    [*VORLAGE, "pdf", f, "-o", str(tmp / "einzeln" / f"{i}.pdf")]
                    for i, f in enumerate(files)
                ],
                env,
                n,
                runs,
            ),
        }
        print(
            f"ein Aufruf gegen einzelne Prozesse: {results['separate'] / results['pool']:.1f} ×"
            f" schneller; Pool gegen einen Prozess: {results['one'] / results['pool']:.2f} ×"
        )
        _libreoffice(tmp, n, runs, env, results["pool"])
    print("Hinweis: gemessen auf einer geteilten Maschine; Zahlen schwanken mit der Last.")


def _libreoffice(tmp: Path, n: int, runs: int, env: dict[str, str], ours: float) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "LibreOffice nicht installiert (`soffice` fehlt): Vergleich übersprungen. "
            "Debian: `apt-get install libreoffice-writer-nogui`."
        )
        return
    seed = projectfile.load(EXAMPLE)
    (tmp / "odt").mkdir()
    odts = [str(write_odt(seed, tmp / "odt" / f"vorlage_{i:03d}.odt")) for i in range(n)]
    profile = tmp / "lo-profile"
    command = soffice_command(soffice, profile, tmp / "lo", odts)
    lo_env = dict(env, HOME=str(tmp / "lo-home"))
    _timed([command], lo_env)  # the first start creates LibreOffice's profile
    office = _measure(f"LibreOffice, ein Aufruf für {n} .odt", [command], lo_env, n, runs)
    print(f"Durchsatz ein Aufruf gegen LibreOffice: {office / ours:.1f} × (Ziel ≥ 4 × bei 100)")


if __name__ == "__main__":
    main()
