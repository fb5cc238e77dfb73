"""The Beratungsfolge of the printed Vorlage: rows by the header's columns (positioned) or by
dates and statuses (copied text); the newer Datum | Gremium | Zuständigkeit [| Status] and the
older TOP | Datum | Gremium | Kompetenz layout."""

from __future__ import annotations

import re

from forms.imports.pdflines import PRINTED_EMPTY, Line
from forms.imports.report import Sammler
from forms.imports.values import date_only, make_date
from forms.model import Beratung, BeratungStatus


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
    for line in lines[header_at + 1 :]:
        cells: dict[str, list[str]] = {}
        for s in line.segments:
            name = _column(columns, s.x or 0.0)
            cells.setdefault(name, []).append(s.text)
        starts = any(k in cells for k in ("Datum", "Status", "TOP"))
        if starts or not rows:
            rows.append(cells)
        else:
            for k, v in cells.items():
                rows[-1].setdefault(k, []).extend(v)
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
        row: dict[str, str] = {}
        rest = list(current)
        if rest and date_only(rest[0]) is not None:
            row["Datum"] = rest.pop(0)
        if has_status and rest and (rest[-1] in statuses):
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
    status_text = row.get("Status", "")
    if status_text in {s.value for s in BeratungStatus}:
        status = BeratungStatus(status_text)
    else:
        status = BeratungStatus.GEPLANT  # the model's default, named as such below
        if status_text:
            reader.missing(
                f"{where}: Status „{status_text}“ kennt das Programm nicht; die Vorgabe "
                "„Geplant“ steht da, bitte prüfen."
            )
        else:
            reader.hint(f"{where}: kein Status gedruckt; „Geplant“ ist nur die Vorgabe.")
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
