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
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import workloads  # noqa: E402

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


@dataclass
class Series:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self, fmt: Callable[[float], str]) -> str:
        if len(self.values) < 2:
            return "–"
        return f"{fmt(min(self.values))} – {fmt(max(self.values))}"


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms".replace(".", ",")
    return f"{seconds * 1000:,.0f} ms".replace(",", " ")


def de(value: float, digits: int) -> str:
    """German decimal comma, as everywhere in the program's output."""
    return f"{value:.{digits}f}".replace(".", ",")


def sec(seconds: float) -> str:
    return f"{de(seconds, 2)} s"


@dataclass
class Row:
    name: str
    median: str
    spread: str = "–"
    runs: int | str = "–"
    target: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        verdict = {True: "ja", False: "**nein**", None: ""}[self.met]
        return [self.name, self.median, self.spread, str(self.runs), self.target, verdict]


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.name}: {row.median} ({row.spread})", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = ["Messung", "Median", "Streuung (min – max)", "Läufe", "Ziel", "erreicht"]
        lines = [f"### {self.title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r.cells()) + " |" for r in self.rows]
        lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- child processes


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            # A clean user profile: no recovery prompt, no settings from a previous session.
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "APPDATA": str(home / "appdata"),
            "LOCALAPPDATA": str(home / "localappdata"),
            # Bytecode cached as in an installation (pip and the bundle ship .pyc files): a
            # PYTHONDONTWRITEBYTECODE=1 shell would otherwise recompile every module of the
            # app – but not of the floors, whose libraries come with .pyc – in every child.
            "PYTHONPYCACHEPREFIX": str(home / "pycache"),
            "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(
                os.pathsep
            ),
        }
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Every target of issue 19 with its ratio, collected from the sections for one summary table.
SUMMARY: list[Row] = []


def target(row: Row) -> Row:
    SUMMARY.append(row)
    return row


def run_json(args: list[str], env: dict[str, str], timeout: float = 600) -> dict:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(args[-3:])}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def timed_start(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Seconds from process start to the child's reported event (monotonic clock, system-wide)."""
    started = time.monotonic()
    result = run_json(args, env, timeout=120)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["shown"] - started, result


def timed_process(args: list[str], env: dict[str, str], timeout: float = 300) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        command = " ".join(map(str, args))
        raise RuntimeError(f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return seconds


# --------------------------------------------------------------------------- the five sections


def bench_startup(runs: int, env: dict[str, str]) -> Table:
    table = Table("1. Kaltstart: Prozessstart bis erste Assistentenseite sichtbar (offscreen)")
    app = [sys.executable, "-m", "benchmarks.startup", "app"]
    try:
        _, first = timed_start(app, env)  # warm-up: bytecode caches, file-system cache
    except RuntimeError as exc:
        table.notes.append(f"Assistent nicht messbar: {str(exc).splitlines()[0]}")
        return table
    pages = int(first["pages"])
    floor = [sys.executable, "-m", "benchmarks.startup", "floor", str(pages)]
    timed_start(floor, env)
    app_times, floor_times = [], []
    for _ in range(runs):  # interleaved, so drift of a shared machine hits both alike
        app_times.append(timed_start(app, env)[0])
        floor_times.append(timed_start(floor, env)[0])
    a, f = Series(app_times), Series(floor_times)
    table.add(
        Row("Vorlagen-Assistent", ms(a.median), a.spread(ms), runs, "< 1 000 ms", a.median < 1.0)
    )
    table.add(
        Row(f"nackter QWizard, {pages} Seiten (Untergrenze)", ms(f.median), f.spread(ms), runs)
    )
    ratio = a.median / f.median
    table.add(
        target(
            Row(
                "Kaltstart: Verhältnis Assistent / QWizard",
                f"{de(ratio, 2)} ×",
                "",
                "",
                "≤ 1,3 ×",
                ratio <= 1.3,
            )
        )
    )
    first = [sys.executable, "-m", "benchmarks.startup", "first-action"]
    actions = [run_json(first, env, timeout=120) for _ in range(runs)]
    clicks = Series([r["click_s"] for r in actions])
    since = Series([r["since_paint_s"] for r in actions])
    table.add(
        target(
            Row(
                "Klick „Neue Vorlage anlegen“ → Grunddaten gezeigt und gezeichnet",
                ms(clicks.median),
                clicks.spread(ms),
                runs,
                "< 100 ms",
                clicks.median < 0.1,
            )
        )
    )
    table.add(
        Row(
            "erste Seite gezeichnet → Grunddaten gezeichnet (mit der Arbeit im Leerlauf davor)",
            ms(since.median),
            since.spread(ms),
            runs,
        )
    )
    return table


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def bench_export(runs: int, env: dict[str, str], tmp: Path) -> Table:
    from benchmarks.odt import soffice_command, write_odt
    from forms.pdf import render

    table = Table("2. Export der Seed-Vorlage (FB 56/0319/WP18)")
    seed = workloads.seed()
    started = time.perf_counter()
    render(seed)
    first = time.perf_counter() - started
    table.add(Row("Rendern im Prozess, erster Export (mit Schriften laden)", ms(first), "", 1))
    warm = []
    for _ in range(max(runs, 10)):
        started = time.perf_counter()
        render(seed)
        warm.append(time.perf_counter() - started)
    s = Series(warm)
    table.add(Row("Rendern im Prozess, weitere Exporte", ms(s.median), s.spread(ms), len(warm)))

    out = tmp / "seed.pdf"
    cli = [sys.executable, "-m", "forms", "pdf", str(workloads.EXAMPLE), "-o", str(out)]
    floor_out = tmp / "floor.pdf"
    floor = [sys.executable, "benchmarks/floor_pdf.py", str(workloads.EXAMPLE), str(floor_out)]
    timed_process(cli, env)  # warm-up: bytecode and font metric caches, file-system cache
    timed_process(floor, env)
    ours, bare = [], []
    for _ in range(runs):  # interleaved, so drift of a shared machine hits both alike
        ours.append(timed_process(cli, env))
        bare.append(timed_process(floor, env))
    whole, floor_s = Series(ours), Series(bare)
    table.add(Row("`vorlage pdf`, ganzer Prozess", ms(whole.median), whole.spread(ms), runs))
    table.add(
        Row(
            "nacktes reportlab-Skript, gleicher Inhalt (Untergrenze, benchmarks/floor_pdf.py)",
            ms(floor_s.median),
            floor_s.spread(ms),
            runs,
        )
    )
    pdf_ratio = whole.median / floor_s.median
    table.add(
        target(
            Row(
                "`vorlage pdf`: Verhältnis ganzer Prozess / reportlab-Untergrenze",
                f"{de(pdf_ratio, 2)} ×",
                "",
                "",
                "≤ 1,5 × (Ziel 1,2 ×)",
                pdf_ratio <= 1.5,
            )
        )
    )

    soffice = _soffice()
    if soffice is None:
        table.notes.append(
            "LibreOffice nicht installiert (`soffice` fehlt): Vergleich "
            "übersprungen. Debian: `apt-get install libreoffice-writer-nogui`."
        )
        return table
    odt = write_odt(seed, tmp / "FB_56_0319_WP18.odt")
    profile = tmp / "lo-profile"
    lo = soffice_command(soffice, profile, tmp / "lo", [str(odt)])
    lo_env = dict(env, HOME=str(tmp / "lo-home"))
    # The first start creates LibreOffice's profile (several seconds); a clerk has one already.
    timed_process(lo, lo_env)
    if not (tmp / "lo" / "FB_56_0319_WP18.pdf").exists():
        table.notes.append("LibreOffice lief, schrieb aber kein PDF: Vergleich übersprungen.")
        return table
    office = Series([timed_process(lo, lo_env) for _ in range(runs)])
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True, env=lo_env)
    table.add(
        Row(
            "LibreOffice headless .odt → PDF, ganzer Prozess",
            ms(office.median),
            office.spread(ms),
            runs,
        )
    )
    ratio = office.median / whole.median
    table.add(
        Row(
            "Verhältnis LibreOffice / `vorlage pdf` (ganzer Prozess)",
            f"{de(ratio, 1)} ×",
            "",
            "",
            "≥ 10 ×",
            ratio >= 10,
        )
    )
    in_app = office.median / s.median
    table.add(
        Row(
            "Verhältnis LibreOffice / Export im laufenden Assistenten",
            f"{in_app:.0f} ×",
            "",
            "",
            "",
            None,
        )
    )
    table.notes.append(
        f"LibreOffice: {version.stdout.strip() or soffice}; Profil vorab angelegt; "
        "die .odt (benchmarks/odt.py) trägt denselben Inhalt, A4, Fußzeile mit "
        "„Seite X von Y“."
    )
    return table


_BLOCKS_PER_PAGE: list[tuple[float, float]] = []


def blocks_for(erlaeuterungen_pages: int) -> int:
    """Markdown blocks that fill about that many pages of Erläuterungen.

    Fitted once, in this process, from two exports: pages = fixed + blocks / per_page, where
    `fixed` is everything that is not Erläuterungen (cover sheet, finance tables, Klimarelevanz).
    """
    if not _BLOCKS_PER_PAGE:
        from benchmarks.children import count_pages
        from forms.pdf import render

        small, large = 20, 400
        p_small = count_pages(render(workloads.with_blocks(small)))
        p_large = count_pages(render(workloads.with_blocks(large)))
        per_page = (large - small) / max(1, p_large - p_small)
        _BLOCKS_PER_PAGE.append((per_page, p_small - small / per_page))
    per_page, _fixed = _BLOCKS_PER_PAGE[0]
    return max(1, round(erlaeuterungen_pages * per_page))


def bench_scaling(runs: int, env: dict[str, str], pages: tuple[int, ...]) -> Table:
    table = Table("3. Skalierung: Erläuterungen mit 1 bis 200 Seiten (Rendern, frischer Prozess)")
    totals: dict[int, float] = {}
    memory: Row | None = None
    for pages_wanted in pages:
        blocks = blocks_for(pages_wanted)
        results = [
            run_json([sys.executable, "-m", "benchmarks.children", "render", str(blocks)], env)
            for _ in range(runs)
        ]
        t = Series([r["seconds"] for r in results])
        printed = int(results[0]["pages"])
        rss = max(r["rss_mb"] or 0 for r in results)
        totals[pages_wanted] = t.median
        size = results[0]["bytes"] / 1024
        per = t.median / printed * 1000
        detail = f"PDF {printed} S., {size:.0f} kB, {rss:.0f} MB RSS, {de(per, 1)} ms/S."
        target_text, met = "", None
        if pages_wanted == 100:
            target_text = "< 3 s; < 250 MB"
            met = t.median < 3.0 and rss < 250
            memory = Row(
                f"Spitzenspeicher beim Export von {printed} Seiten (ganzer Prozess)",
                f"{rss:.0f} MB",
                "",
                runs,
                "≤ 100 MB",
                rss <= 100,
            )
        table.add(
            Row(
                f"{pages_wanted} S. Erläuterungen ({detail})",
                sec(t.median),
                t.spread(sec),
                runs,
                target_text,
                met,
            )
        )
    if 100 in totals and 200 in totals:
        ratio = totals[200] / totals[100]
        table.add(Row("Zeit 200 S. / 100 S.", de(ratio, 2), "", "", "≤ 2,2", ratio <= 2.2))
    if memory is not None:
        table.add(target(memory))
    table.notes.append(
        "Seitenzahl ist die des ganzen PDFs (Deckblatt, Finanzen und Klimarelevanz "
        "eingeschlossen); Renderzeit nach einem Aufwärm-Export im selben Prozess; "
        "RSS = Spitzenwert des Kindprozesses (VmHWM)."
    )
    return table


def bench_projectfile(runs: int, tmp: Path) -> Table:
    from forms import projectfile
    from forms.rules import problems

    table = Table("4. Projektdatei: laden + prüfen, speichern")
    for label, vorlage in [
        ("typisch (Seed)", workloads.seed()),
        ("groß", workloads.large_project()),
    ]:
        path = workloads.write(vorlage, tmp / "bench.vorlage.json")
        size_bytes = path.stat().st_size
        size = (
            f"{size_bytes / 1024:.0f} kB"
            if size_bytes < 1024 * 1024
            else f"{de(size_bytes / (1024 * 1024), 2)} MB"
        )
        loads, saves = [], []
        for _ in range(max(runs, 10)):
            started = time.perf_counter()
            problems(projectfile.load(path))
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            projectfile.save(vorlage, path, backup=True)
            saves.append(time.perf_counter() - started)
        lo, sv = Series(loads), Series(saves)
        table.add(Row(f"{label}, {size}: laden + prüfen", ms(lo.median), lo.spread(ms), len(loads)))
        table.add(
            Row(
                f"{label}, {size}: speichern (atomar, mit .bak)",
                ms(sv.median),
                sv.spread(ms),
                len(saves),
            )
        )
    table.notes.append(
        "„laden + prüfen“ = `projectfile.load` (JSON, Migration, pydantic) + "
        "`rules.problems()`; „speichern“ schreibt atomar mit fsync."
    )
    return table


def bench_responsiveness(runs: int, env: dict[str, str]) -> Table:
    table = Table("5. Bedienbarkeit: größte Lücke der Ereignisschleife während eines Exports")
    blocks = blocks_for(100)
    results = [
        run_json([sys.executable, "-m", "benchmarks.children", "responsiveness", str(blocks)], env)
        for _ in range(runs)
    ]
    gap = Series([r["max_gap_ms"] for r in results])
    table.add(
        Row(
            f"größte Lücke, Export von {results[0]['pages']} Seiten",
            f"{gap.median:.0f} ms",
            gap.spread(lambda v: f"{v:.0f} ms"),
            runs,
            "≤ 50 ms",
            max(gap.values) <= 50,
        )
    )
    p99 = Series([r["p99_gap_ms"] for r in results])
    table.add(Row("99. Perzentil der Lücken", f"{de(p99.median, 1)} ms", "", runs))
    idle = Series([r["idle_max_gap_ms"] for r in results])
    table.add(
        Row(
            "größte Lücke im Leerlauf (Grundrauschen)",
            f"{idle.median:.0f} ms",
            idle.spread(lambda v: f"{v:.0f} ms"),
            runs,
        )
    )
    export = Series([r["export_seconds"] for r in results])
    table.add(Row("Dauer des Exports im Hintergrund", sec(export.median), export.spread(sec), runs))
    table.notes.append(
        f"Weg: {results[0]['worker']}; Taktgeber: QTimer mit 1 ms; "
        "Hauptfenster gebaut und gezeigt, prepare_event_loop() wie in run_gui."
    )
    return table


def bench_typing(runs: int, env: dict[str, str]) -> Table:
    table = Table("6. Tippen in langen Erläuterungen: größte Pause des GUI-Threads")
    for pages_wanted in (50, 100):
        blocks = blocks_for(pages_wanted)
        results = [
            run_json([sys.executable, "-m", "benchmarks.children", "typing", str(blocks)], env)
            for _ in range(runs)
        ]
        gap = Series([r["max_gap_ms"] for r in results])
        complete = all(r["in_model"] and r["in_recovery_copy"] for r in results)
        chars = f"{results[0]['chars']:,}".replace(",", ".")
        row = Row(
            f"{pages_wanted} S. Erläuterungen ({chars} Zeichen, {results[0]['keys']} Tasten, "
            f"alle im Modell und in der Sicherungskopie: {'ja' if complete else 'NEIN'})",
            f"{gap.median:.0f} ms",
            gap.spread(lambda v: f"{v:.0f} ms"),
            runs,
            "≤ 16 ms" if pages_wanted == 100 else "",
            (gap.median <= 16 and complete) if pages_wanted == 100 else None,
        )
        table.add(target(row) if pages_wanted == 100 else row)
        before = Series(
            [
                run_json(
                    [
                        sys.executable,
                        "-m",
                        "benchmarks.children",
                        "typing-on-gui-thread",
                        str(blocks),
                    ],
                    env,
                )["max_gap_ms"]
                for _ in range(runs)
            ]
        )
        table.add(
            Row(
                f"{pages_wanted} S.: dasselbe mit der Übernahme auf dem GUI-Thread (vor issue 19)",
                f"{before.median:.0f} ms",
                before.spread(lambda v: f"{v:.0f} ms"),
                runs,
            )
        )
        p99 = Series([r["p99_gap_ms"] for r in results])
        table.add(Row(f"{pages_wanted} S.: 99. Perzentil der Lücken", f"{de(p99.median, 1)} ms"))
        if complete:
            model = Series([r["model_after_s"] for r in results])
            copy = Series([r["copy_after_s"] for r in results])
            table.add(
                Row(
                    f"{pages_wanted} S.: letzte Taste → im Modell / in der Sicherungskopie",
                    f"{sec(model.median)} / {sec(copy.median)}",
                    "",
                    runs,
                )
            )
    table.notes.append(
        "Eine Taste alle 60 ms, ~9 s lang, dann Warten, bis Modell und Sicherungskopie jede "
        "Taste haben (höchstens 60 s); Hauptfenster wie in run_gui "
        "(prepare_event_loop, Autosave aktiv); Taktgeber: QTimer mit 1 ms auf dem GUI-Thread; "
        "die Lücke enthält alles, was der GUI-Thread am Stück tat (Taste, Übernahme ins "
        "Modell, Prüfregeln, Seitenleiste, Sicherungskopie)."
    )
    return table


def bench_tagging(runs: int) -> Table:
    from forms.pdf import render

    table = Table("7. Tagging (PDF/UA, PDF/A-2a) gegen den ungetaggten Export (CPU-Zeit, bestes)")
    render(workloads.seed())  # fonts and parser warm
    rows: list[tuple[str, object]] = [("Seed", workloads.seed())]
    rows.append(("100 S. Erläuterungen", workloads.with_blocks(blocks_for(100))))
    for label, vorlage in rows:
        plain = tagged = float("inf")
        for _ in range(max(runs, 3)):
            started = time.process_time()
            render(vorlage, tagged=False)  # type: ignore[arg-type]
            plain = min(plain, time.process_time() - started)
            started = time.process_time()
            render(vorlage)  # type: ignore[arg-type]
            tagged = min(tagged, time.process_time() - started)
        overhead = tagged / plain - 1
        row = Row(
            f"{label}: ohne Tags {ms(plain)}, mit Tags {ms(tagged)}",
            f"{overhead * 100:+.1f} %".replace(".", ","),
            "",
            max(runs, 3),
            "≤ +10 %",
            overhead <= 0.10,
        )
        table.add(target(row) if label != "Seed" else row)
    table.notes.append("Im Prozess, abwechselnd; CPU-Zeit (time.process_time), bester Lauf.")
    return table


def bench_batch(runs: int, env: dict[str, str], tmp: Path, count: int = 100) -> Table:
    from benchmarks.odt import soffice_command, write_odt

    table = Table(f"8. Stapel: {count} Vorlagen in einem Aufruf gegen LibreOffice in einem Aufruf")
    inputs = tmp / "stapel-ein"
    inputs.mkdir(exist_ok=True)
    for i in range(count):
        shutil.copyfile(workloads.EXAMPLE, inputs / f"vorlage_{i:03d}.vorlage.json")
    batch = [
        sys.executable,
        "-m",
        "forms",
        "pdf",
        str(inputs / "*.vorlage.json"),
        "--ausgabe",
        str(tmp / "stapel-aus"),
    ]
    timed_process(batch, env)  # warm-up
    ours = Series([timed_process(batch, env) for _ in range(runs)])
    table.add(
        Row(
            f"`vorlage pdf` {count} Dateien `--ausgabe` (ein Prozess, {os.cpu_count()} Kerne)",
            sec(ours.median),
            ours.spread(sec),
            runs,
        )
    )
    soffice = _soffice()
    if soffice is None:
        table.notes.append("LibreOffice nicht installiert: Verhältnis nicht gemessen.")
        return table
    seed = workloads.seed()
    (tmp / "stapel-odt").mkdir(exist_ok=True)
    odts = [str(write_odt(seed, tmp / "stapel-odt" / f"vorlage_{i:03d}.odt")) for i in range(count)]
    lo = soffice_command(soffice, tmp / "lo-profile-stapel", tmp / "stapel-lo", odts)
    lo_env = dict(env, HOME=str(tmp / "lo-home"))
    timed_process(lo, lo_env, timeout=900)  # creates the profile
    office = Series([timed_process(lo, lo_env, timeout=900) for _ in range(runs)])
    table.add(
        Row(
            f"LibreOffice headless, {count} .odt in einem Aufruf",
            sec(office.median),
            office.spread(sec),
            runs,
        )
    )
    ratio = office.median / ours.median
    table.add(
        target(
            Row(
                f"Stapel: Durchsatz gegen LibreOffice ({count} Vorlagen)",
                f"{de(ratio, 1)} ×",
                "",
                "",
                "≥ 4 ×",
                ratio >= 4,
            )
        )
    )
    return table


def summary() -> Table:
    table = Table("Ziele von issue 19 (aus den Abschnitten oben)")
    table.rows = list(SUMMARY)
    return table


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
