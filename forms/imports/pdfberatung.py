"""The Beratungsfolge of the printed Vorlage: rows by the header's columns (positioned) or by
dates and statuses (copied text); the newer Datum | Gremium | Zuständigkeit [| Status] and the
older TOP | Datum | Gremium | Kompetenz layout."""

from __future__ import annotations

import re

from forms.imports.pdflines import PRINTED_EMPTY, Line
from forms.imports.report import Sammler, verbatim_status
from forms.imports.values import date_only, make_date
from forms.model import Beratung, BeratungStatus

UNSURE = "?"  # a row key: the copied text's status was guessed


def read_beratungsfolge(reader: Sammler, lines: list[Line] | None, positioned: bool) -> None:
    if lines is None:
        reader.missing("Abschnitt „Beratungsfolge“ nicht gefunden.")
        return
    if any(PRINTED_EMPTY.fullmatch(line.text) for line in lines[:1]):
        return
    rows = _rows_positioned(lines) if positioned else _rows_text(lines)
    if rows is None:
        reader.missing("Beratungsfolge: Kopfzeile (Datum | Gremium | …) nicht gefunden.")
        return
    read = [b for i, row in enumerate(rows) if (b := _beratung(reader, i, row)) is not None]
    if read:
        reader.set(reader.v, "beratungsfolge", read, "beratungsfolge")


def _rows_positioned(lines: list[Line]) -> list[dict[str, str]] | None:
    header_at = next(
        (
            i
            for i, line in enumerate(lines)
            if {"Datum", "Gremium"} <= {s.text for s in line.segments}
        ),
        None,
    )
    if header_at is None:
        return None
    columns = [(s.text, s.x or 0.0) for s in lines[header_at].segments]
    rows: list[dict[str, list[str]]] = []
    elements: set[int | None] = set()  # the tagged cells of the last row
    for line in lines[header_at + 1 :]:
        cells: dict[str, list[str]] = {}
        for s in line.segments:
            name = _column(columns, s.x or 0.0)
            cells.setdefault(name, []).append(s.text)
        # A line of the last row's own cells (a wrapped Gremium or status text) continues it;
        # without tags a line with a date, status or TOP starts a row.
        found = {s.element for s in line.segments}
        inside = None not in found and found <= elements
        # A line of a date alone is a second date of the row above (a postponed session),
        # never a row of its own that would stand without a Gremium.
        date_alone = set(cells) == {"Datum"}
        starts = not (inside or date_alone) and any(k in cells for k in ("Datum", "Status", "TOP"))
        if starts or not rows:
            rows.append(cells)
            elements = found
        else:
            for k, v in cells.items():
                rows[-1].setdefault(k, []).extend(v)
            elements |= found
    return [{k: " ".join(v) for k, v in row.items()} for row in rows]


def _rows_text(lines: list[Line]) -> list[dict[str, str]] | None:
    texts = [line.text for line in lines]
    names = {"TOP", "Datum", "Gremium", "Zuständigkeit", "Kompetenz", "Status"}
    i = 0
    header: list[str] = []
    while i < len(texts) and (texts[i] in names or set(texts[i].split()) <= names):
        header += texts[i].split()
        i += 1
    if "Gremium" not in header:
        return None
    statuses = {s.value for s in BeratungStatus}
    rows: list[dict[str, str]] = []
    current: list[str] = []
    has_status = "Status" in header

    def close() -> None:
        if not current:
            return
        if len(current) == 1 and date_only(current[0]) is not None and rows:
            # A date alone: a second date of the row above, never a row of its own.
            rows[-1]["Datum"] = (rows[-1].get("Datum", "") + " " + current[0]).strip()
            current.clear()
            return
        row: dict[str, str] = {}
        rest = list(current)
        if rest and date_only(rest[0]) is not None:
            row["Datum"] = rest.pop(0)
        if has_status and rest and (rest[-1] in statuses):
            row["Status"] = rest.pop()
        elif has_status:
            # Copied text has no columns: another status is only guessed as the last cell.
            row[UNSURE] = "1"
            if len(rest) >= 3:
                row["Status"] = rest.pop()
        if len(rest) >= 2:
            row["Zuständigkeit"] = rest.pop()
        row["Gremium"] = " ".join(rest)
        rows.append(row)
        current.clear()

    for text in texts[i:]:
        if re.fullmatch(r"[ÖN]\s?\d+(\.\d+)*", text):
            continue  # TOP number of the old layout
        if date_only(text) is not None and current:
            close()
        current.append(text)
        if has_status and text in statuses:
            close()
    close()
    return rows


def _beratung(reader: Sammler, i: int, row: dict[str, str]) -> Beratung | None:
    where = f"Beratungsfolge, Zeile {i + 1}"
    datum = None
    text = row.get("Datum", "")
    if text:
        found = date_only(text)
        if found is None:
            reader.missing(f"{where}: Datum „{text}“ nicht verstanden.")
        else:
            if len(found) > 1:
                reader.missing(f"{where}: zwei Daten ({text}); das erste übernommen.")
            datum = make_date(*found[0])
            if datum is None:
                reader.missing(f"{where}: Datum „{text}“ ungültig.")
    status = row.get("Status", "").strip()
    if UNSURE in row:
        # Partly read: the row is kept, the guess is named under "Nicht gelesen".
        reader.missing(
            f"{where}: Status nicht sicher erkannt (Text ohne Spalten); gelesen: Status "
            f"„{status or 'Geplant (Vorgabe)'}“, Zuständigkeit „{row.get('Zuständigkeit', '')}“, "
            f"Gremium „{row.get('Gremium', '')}“ – bitte prüfen."
        )
        status = status or BeratungStatus.GEPLANT.value
    elif status not in {s.value for s in BeratungStatus}:
        reader.hint(verbatim_status(where, status))
        status = status or BeratungStatus.GEPLANT.value  # the model's default, named as such
    gremium = row.get("Gremium", "")
    if not gremium:
        reader.missing(f"{where}: Gremium nicht gefunden.")
    rolle = row.get("Zuständigkeit") or row.get("Kompetenz") or ""
    return reader.make(
        Beratung,
        f"beratungsfolge.{i}",
        status=status,
        datum=datum,
        gremium=gremium,
        rolle=rolle,
    )


def _column(columns: list[tuple[str, float]], x: float) -> str:
    """The header column a cell belongs to: the last one starting at or left of it."""
    name = columns[0][0]
    for text, start in columns:
        if x + 2 >= start:
            name = text
    return name
