"""Tables and checkbox grids as they arrive in text: cells ending with "|", an "x" per tick.

Shared by the page-text reader and the text copied out of a PDF viewer. Every function is
linear in its input: a hostile page with a megabyte of spaces must not stall the wizard.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from forms.profile import KlimaFrage

T = TypeVar("T")

_MARK = re.compile(r"[xX☒✗✕](\s*\(.*\))?")
_SEPARATOR_CELL = re.compile(r"-{3,}(\|-{3,})*\|?")


def norm(text: str) -> str:
    """Whitespace-collapsed, case-folded text for comparing labels."""
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def cells(text: str) -> list[str]:
    """Cells of a table broken over lines: every cell ends with "|" (text after the last "|"
    is not a cell). Whitespace and line breaks inside a cell collapse to single spaces."""
    parts = text.split("|")
    return [" ".join(p.split()) for p in parts[:-1]]


def is_separator(line: str) -> bool:
    """A Markdown-like "---|---|" rule a browser copies from the page's table chrome."""
    # Whitespace is removed first so the pattern has nothing to backtrack over.
    return _SEPARATOR_CELL.fullmatch("".join(line.split())) is not None


def is_mark(cell: str) -> bool:
    """An "x" in a checkbox cell; older pages add a remark, e.g. "X (s. Erläuterungen)"."""
    return _MARK.fullmatch(cell.strip()) is not None


def klima_regions(
    section: Sequence[T], fragen: dict[str, KlimaFrage], text: Callable[[T], str]
) -> dict[str, list[T]]:
    """Lines belonging to each question: from its question line to the next known text line.

    Lines are page-text strings or positioned PDF lines; `text` gives a line's words."""
    questions = {norm(f.frage): name for name, f in fragen.items()}
    stops = set(questions)
    for f in fragen.values():
        stops.update(norm(x) for x in (f.block, f.hinweis) if x)
    positions: list[int] = [i for i, line in enumerate(section) if norm(text(line)) in stops]
    regions: dict[str, list[T]] = {}
    # The same question text appears twice ("Die Maßnahme hat folgende Relevanz:"): the
    # block heading before it decides which one it is.
    block = ""
    blocks = {norm(f.block): name for name, f in fragen.items() if f.block}
    for k, i in enumerate(positions):
        key = norm(text(section[i]))
        if key in blocks:
            block = blocks[key]
            continue
        name = questions.get(key)
        if name is None:
            continue
        if block and norm(fragen[block].frage) == key:
            name = block
        end = positions[k + 1] if k + 1 < len(positions) else len(section)
        regions.setdefault(name, list(section[i + 1 : end]))
    return regions


def column_marks(region: list[str], frage: KlimaFrage) -> list[str] | str:
    """Header row of option labels, then one row of cells: the column of the "x" decides."""
    lines = [x for x in region if x.strip()]
    if not lines:
        return "keine Tabelle gefunden (Seite abgeschnitten?)"
    header = cells(lines[0])
    options = {norm(text): key for key, text in frage.optionen.items()}
    if not any(norm(h) in options for h in header):
        return "Kopfzeile mit den Antworten nicht gefunden"
    data = cells("\n".join(lines[1:]))
    chosen: list[str] = []
    for i, cell in enumerate(data):
        if not is_mark(cell):
            continue
        column = norm(header[i % len(header)])
        if column not in options:
            return "Kreuz in einer unbeschrifteten Spalte; nichts übernommen"
        chosen.append(options[column])
    return chosen


def row_marks(region: list[str], name: str, fragen: dict[str, KlimaFrage]) -> list[str] | str:
    """One row per option; a row ends with its label (Kompensation) or threshold text
    (Größenordnung). An "x" anywhere in the row ticks that row's option."""
    ends: list[tuple[str, str]] = []  # (normalised end text, option)
    if name == "kompensation":
        for key, text in fragen[name].optionen.items():
            ends.append((norm(text), key))
    else:
        # Both Größenordnung questions share the bands; the page words them slightly apart.
        for other in ("einsparung", "erhoehung"):
            for key, text in fragen[other].schwellen.items():
                ends.append((norm(text), key))
    data = cells("\n".join(region))
    if not data:
        return "keine Tabelle gefunden (Seite abgeschnitten?)"
    chosen: list[str] = []
    marked = False
    rows_seen = 0
    for cell in data:
        if is_mark(cell):
            marked = True
            continue
        key = norm(cell)
        option = next((o for text, o in ends if key == text), None)
        if option is None:
            continue
        rows_seen += 1
        if marked:
            chosen.append(option)
        marked = False
    if marked:
        return "Kreuz ohne zugehörige Zeile (Seite abgeschnitten?)"
    if rows_seen == 0:
        return "keine Zeile der Tabelle erkannt"
    return chosen
