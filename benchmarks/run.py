"""Benchmarks of the Vorlagen-Assistent: prints one table, measured in one run on one machine.

    .venv/bin/python benchmarks/run.py                 # everything, 5 runs each (~1 min idle)
    .venv/bin/python benchmarks/run.py --runs 3 --only export,scaling
    .venv/bin/python benchmarks/run.py --write docs/performance.md   # also update the docs table

Every figure is the median of several runs with the spread (min–max) beside it. Start-up and
whole-process figures come from fresh child processes; targets are those of issue 7. This is a
script, not a test: pytest does not collect it, and a slow machine does not fail a build.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.export_targets import (  # noqa: E402
    bench_batch,
    bench_export,
    bench_projectfile,
    bench_scaling,
    bench_tagging,
)
from benchmarks.gui_targets import bench_responsiveness, bench_startup, bench_typing  # noqa: E402
from benchmarks.processes import child_env  # noqa: E402
from benchmarks.table import SUMMARY, Table, summary  # noqa: E402

SECTIONS = (
    "startup",
    "export",
    "scaling",
    "projectfile",
    "responsiveness",
    "typing",
    "tagging",
    "batch",
)
SCALING_PAGES = (1, 10, 50, 100, 200)
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"


# --------------------------------------------------------------------------- figures and table


# --------------------------------------------------------------------------- child processes


# --------------------------------------------------------------------------- the five sections


# --------------------------------------------------------------------------- machine and main


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:
        qt = "PySide6 nicht installiert"
    import reportlab

    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"- Gemessen: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Rechner: {platform.platform()}; {os.cpu_count()} CPUs (nproc), {cpu}",
        f"- Python {platform.python_version()}; {qt}; reportlab {reportlab.Version}",
        f"- Last beim Start (1/5/15 min): {load}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Läufe je Messung (Standard 5)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"Auswahl aus {SECTIONS}")
    parser.add_argument(
        "--pages", default=",".join(map(str, SCALING_PAGES)), help="Seitenzahlen der Skalierung"
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="DOC.md",
        help=f"Tabelle zwischen {BEGIN} und {END} in DOC.md ersetzen",
    )
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unbekannt: {', '.join(sorted(unknown))}")

    header = machine()
    print("\n".join(header), file=sys.stderr)
    tables: list[Table] = []
    with tempfile.TemporaryDirectory(prefix="vorlagen-bench-") as name:
        tmp = Path(name)
        env = child_env(tmp / "home")
        for section in chosen:
            print(f"[{section}]", file=sys.stderr, flush=True)
            if section == "startup":
                tables.append(bench_startup(args.runs, env))
            elif section == "export":
                tables.append(bench_export(args.runs, env, tmp))
            elif section == "scaling":
                pages = tuple(int(p) for p in args.pages.split(","))
                tables.append(bench_scaling(max(1, min(args.runs, 3)), env, pages))
            elif section == "projectfile":
                tables.append(bench_projectfile(args.runs, tmp))
            elif section == "responsiveness":
                tables.append(bench_responsiveness(max(1, min(args.runs, 3)), env))
            elif section == "typing":
                tables.append(bench_typing(max(1, min(args.runs, 3)), env))
            elif section == "tagging":
                tables.append(bench_tagging(args.runs))
            else:
                tables.append(bench_batch(max(1, min(args.runs, 2)), env, tmp))
        if SUMMARY:
            tables.append(summary())
    text = "\n".join(header) + "\n\n" + "\n".join(t.markdown() for t in tables)
    print(text)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        before, _, rest = doc.partition(BEGIN)
        _, _, after = rest.partition(END)
        args.write.write_text(f"{before}{BEGIN}\n{text}{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
