"""The figures a benchmark prints: series of runs, rows with their target, Markdown tables."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field


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


# Every target of issue 19 with its ratio, collected from the sections for one summary table.
SUMMARY: list[Row] = []


def target(row: Row) -> Row:
    SUMMARY.append(row)
    return row


def summary() -> Table:
    table = Table("Ziele von issue 19 (aus den Abschnitten oben)")
    table.rows = list(SUMMARY)
    return table
