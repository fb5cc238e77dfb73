"""Benchmarks of the wizard: cold start, first action after start, typing pauses."""

from __future__ import annotations

import sys

from benchmarks.export_targets import blocks_for
from benchmarks.processes import run_json, timed_start
from benchmarks.table import Row, Series, Table, de, ms, sec, target


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
