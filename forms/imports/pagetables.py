"""The tables of the council page's text: Beratungsfolge rows (a status starts each), the
JA/NEIN box and the two finance tables, and the Klimarelevanz check-box grid."""

from __future__ import annotations

import re

from forms.imports import finanzen
from forms.imports.grids import (
    cells,
    column_marks,
    is_mark,
    is_separator,
    klima_regions,
    norm,
    row_marks,
)
from forms.imports.klima import fill_klimarelevanz
from forms.imports.report import Sammler, verbatim_status
from forms.imports.values import date_only, make_date, years
from forms.model import Beratung, BeratungStatus
from forms.profile import KlimaFrage

_ROW_START = re.compile(r"●\s*(\S.{0,60})|(?:\W)?\s*(Erledigt|Geplant)")


def read_beratungsfolge(s: Sammler, section: list[str] | None) -> None:
    if section is None:
        s.missing("Abschnitt „Beratungsfolge“ nicht gefunden.")
        return
    # Drop the "---|---|" separator and the header row of the table.
    body = [x for x in section if not is_separator(x)]
    if body and body[0].strip().startswith("Status") and "Gremium" in body[0]:
        body = body[1:]
    rows: list[list[str]] = []
    for cell in cells("\n".join(body) + "|"):
        # A row starts with its status: "● Erledigt", but also "● Zurückgestellt" or
        # "● Abgesetzt" – a status the program has no value for is a row all the same.
        status = _ROW_START.fullmatch(cell)
        if status:
            rows.append([status[1] or status[2]])
        elif rows:
            rows[-1].append(cell)
        elif cell.strip():
            s.hint(f"Beratungsfolge: „{cell}“ vor der ersten Zeile übergangen.")
    if not rows:
        s.missing(
            "Beratungsfolge: keine Zeile gefunden (in der Druckansicht ist die Tabelle zugeklappt)."
        )
        return
    read = [b for i, row in enumerate(rows) if (b := _beratung(s, i, row)) is not None]
    if read:
        s.set(s.v, "beratungsfolge", read, "beratungsfolge")
    s.hint(f"Beratungsfolge: {len(read)} Zeile(n) in der Reihenfolge der Seite übernommen.")


def _beratung(s: Sammler, i: int, row: list[str]) -> Beratung | None:
    where = f"Beratungsfolge, Zeile {i + 1}"
    # Kept as printed, "Zurückgestellt" too (docs/domain.md §3).
    status = row[0].strip()
    if status not in {s.value for s in BeratungStatus}:
        s.hint(verbatim_status(where, status))
    datum = None
    texts: list[str] = []
    seen_date = ""
    before_gremium = len(row) > 3 and (not row[1] or date_only(row[1]) is not None)
    if before_gremium and not row[2] and row[3] and date_only(row[3]) is None:
        # Both layouts put the Gremium in the third cell (after an empty cell or the date):
        # printed empty, the text after it is the Beschluss column, never a Gremium.
        texts.append("")
    for cell in row[1:]:
        if not cell:
            continue
        dates = date_only(cell)
        if dates is None:
            texts.append(cell)
            continue
        if seen_date or len(dates) > 1:
            # Never let a second date (a postponed session, a continuation line)
            # silently replace the first.
            extra = cell if seen_date else cell.split(maxsplit=1)[-1]
            s.missing(
                f"{where}: weiteres Datum „{extra}“ nicht übernommen "
                f"(Sitzungsdatum bleibt „{seen_date or cell.split()[0]}“)."
            )
            if seen_date:
                continue
        seen_date = cell.split()[0] if len(dates) > 1 else cell
        datum = make_date(*dates[0])
        if datum is None:
            s.missing(f"{where}: Datum „{cell}“ ungültig.")
    # Column order on the page: Gremium, then Beschluss (the role, may be empty).
    if not texts or not texts[0]:
        s.missing(f"Beratungsfolge, Zeile {i + 1}: Gremium nicht gefunden.")
    if len(texts) > 2:
        s.hint(f"Beratungsfolge, Zeile {i + 1}: übergangen: " + "; ".join(texts[2:]))
    if datum is None and status == BeratungStatus.ERLEDIGT:
        s.missing(f"Beratungsfolge, Zeile {i + 1}: Sitzungsdatum nicht gefunden.")
    return s.make(
        Beratung,
        f"beratungsfolge.{i}",
        status=status,
        datum=datum,
        gremium=texts[0] if texts else "",
        rolle=texts[1] if len(texts) >= 2 else "",
    )


def read_finanzen(s: Sammler, section: list[str] | None) -> None:
    if section is None:
        s.missing("Abschnitt „Finanzielle Auswirkungen“ nicht gefunden.")
        return
    joined = norm(" ".join(section))
    sentence = "keine finanziellen auswirkungen" in joined and "| ja |" not in joined
    if sentence:
        # Older template: a sentence instead of the JA/NEIN box and the tables.
        s.set(s.v.finanzen, "auswirkungen", False, "finanzen.auswirkungen")
    else:
        _ja_nein(s, section)
    tables = _finance_tables(section)
    if not tables:
        if sentence:
            s.hint(
                "Finanzielle Auswirkungen: „Keine finanziellen Auswirkungen“ ohne Tabellen "
                "(älteres Formular); die Tabellen bleiben bei 0."
            )
        else:
            s.missing("Finanzielle Auswirkungen: keine der beiden Tabellen gefunden.")
        return
    found: set[tuple[str, int]] = set()
    for kind, rows, header in tables:
        found |= years(header)
        finanzen.fill_table(s, kind, rows)
    for kind in ("investiv", "konsumtiv"):
        if kind not in {t[0] for t in tables}:
            s.missing(f"Finanzielle Auswirkungen: Tabelle „{kind}“ nicht gefunden.")
    finanzen.set_haushaltsjahr(s, found)


def _ja_nein(s: Sammler, section: list[str]) -> None:
    header_at = next(
        (i for i, x in enumerate(section) if re.search(r"\bJA\s*\|\s*NEIN\b", x)), None
    )
    if header_at is None:
        s.missing("Finanzielle Auswirkungen: Kästchen JA/NEIN nicht gefunden.")
        return
    header = cells(section[header_at])
    data_lines: list[str] = []
    for line in section[header_at + 1 :]:
        if re.fullmatch(r"\|\s*\|{3,}\s*", line.strip()) or re.search(r"[A-Za-z]{3}", line):
            break  # the next table starts (spacer row or a labelled row)
        data_lines.append(line)
    data = cells("\n".join(data_lines))
    # A leading empty header cell is a spacer column; drop it on both sides.
    if header and header[0] == "":
        header = header[1:]
        data = data[1:]
    labels = [h.upper() for h in header]
    marks = [i for i, c in enumerate(data) if is_mark(c)]
    if labels != ["JA", "NEIN"] or len(marks) != 1 or not data:
        what = "kein Kreuz" if not marks else "mehrere Kreuze" if len(marks) > 1 else "?"
        s.missing(f"Finanzielle Auswirkungen: JA/NEIN nicht eindeutig ({what}).")
        return
    # Each label may span several cells of the data row (colspan on the page).
    span = max(1, len(data) // len(labels))
    column = min(marks[0] // span, len(labels) - 1)
    s.set(s.v.finanzen, "auswirkungen", labels[column] == "JA", "finanzen.auswirkungen")


def _finance_tables(section: list[str]) -> list[tuple[str, dict[str, list[str]], list[str]]]:
    """[(kind, {row label: cells}, header cells)] for the investive and konsumtive table."""
    tables: list[tuple[str, dict[str, list[str]], list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in section:
        row = cells(line)
        if not row:
            continue
        first = norm(row[0])
        if first in ("investive auswirkungen", "konsumtive auswirkungen"):
            current = {}
            tables.append(("investiv" if first.startswith("inv") else "konsumtiv", current, row))
        elif current is not None and first:
            label = re.sub(r"\s*/\s*", "/ ", first) if first.startswith("personal") else first
            key = "deckung" if "deckung" in first else label
            current.setdefault(key, row[1:7] if key != "deckung" else [])
        elif current is not None and any("deckung" in norm(c) for c in row):
            current.setdefault("deckung", [c for c in row if "deckung" in norm(c)])
    return tables


def read_klimarelevanz(
    s: Sammler, fragen: dict[str, KlimaFrage], section: list[str] | None
) -> None:
    def choices(name: str, frage: KlimaFrage, region: list[str]) -> list[str] | str:
        if frage.schwellen or name == "kompensation":
            return row_marks(region, name, fragen)
        return column_marks(region, frage)

    regions = None if section is None else klima_regions(section, fragen, text=str)
    fill_klimarelevanz(s, fragen, regions, choices, kein_kreuz="kein Kreuz auf der Seite.")
