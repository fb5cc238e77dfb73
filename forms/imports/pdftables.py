"""The grids of the printed Vorlage: the JA/NEIN mark and the two finance tables (amounts by
column, wrapped header cells and row labels, a table over two pages), and the Klimarelevanz
check boxes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from forms.imports import finanzen
from forms.imports.grids import klima_regions, norm
from forms.imports.klima import fill_klimarelevanz
from forms.imports.pdflines import Line, Segment
from forms.imports.report import Sammler
from forms.imports.values import years as header_years
from forms.profile import KlimaFrage

_AMOUNT = re.compile(r"[-−+]?\s?\d{1,3}(\.\d{3})*,\d{2}|[-−+]?\s?\d+,\d{2}")


def read_finanzen(reader: Sammler, lines: list[Line] | None, positioned: bool) -> None:
    if lines is None:
        reader.missing("Abschnitt „Finanzielle Auswirkungen“ nicht gefunden.")
        return
    _ja_nein(reader, lines, positioned)
    starts = [
        i
        for i, line in enumerate(lines)
        if norm(line.segments[0].text) in ("investive", "konsumtive")
    ]
    if not starts:
        reader.missing("Finanzielle Auswirkungen: keine der beiden Tabellen gefunden.")
        return
    found: set[tuple[str, int]] = set()
    seen: set[str] = set()
    for k, start in enumerate(starts):
        kind = "investiv" if norm(lines[start].segments[0].text) == "investive" else "konsumtiv"
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if kind in seen:
            continue
        seen.add(kind)
        header, rows = _finance_table(lines[start:end], positioned)
        found |= header_years(header)
        finanzen.fill_table(reader, kind, rows)
    for kind in ("investiv", "konsumtiv"):
        if kind not in seen:
            reader.missing(
                f"Finanzielle Auswirkungen: Tabelle „{kind}“ nicht gefunden (Datei abgeschnitten?)."
            )
    finanzen.set_haushaltsjahr(reader, found)


def _ja_nein(reader: Sammler, lines: list[Line], positioned: bool) -> None:
    at = next(
        (
            i
            for i, line in enumerate(lines[:4])
            if [s.text for s in line.segments][:2] == ["JA", "NEIN"]
            or (line.text == "JA" and i + 1 < len(lines) and lines[i + 1].text == "NEIN")
        ),
        None,
    )
    if at is None or not positioned:
        if at is None:
            reader.missing("Finanzielle Auswirkungen: Kästchen JA/NEIN nicht gefunden.")
        else:
            reader.missing(
                "Finanzielle Auswirkungen: JA/NEIN ist ohne Positionen (kopierter "
                "Text) nicht eindeutig; bitte im Assistenten ankreuzen."
            )
        return
    ja, nein = lines[at].segments[:2]
    marks = (
        [s for s in lines[at + 1].segments if s.text.lower() == "x"] if at + 1 < len(lines) else []
    )
    if len(marks) != 1:
        what = "kein Kreuz" if not marks else "mehrere Kreuze"
        reader.missing(f"Finanzielle Auswirkungen: JA/NEIN nicht eindeutig ({what}).")
        return
    x = marks[0].x or 0.0
    choice = abs(x - (ja.x or 0.0)) < abs(x - (nein.x or 0.0))
    reader.set(reader.v.finanzen, "auswirkungen", choice, "finanzen.auswirkungen")


def _finance_table(lines: list[Line], positioned: bool) -> tuple[list[str], dict[str, list[str]]]:
    """(header texts per column, {row label: cells}) of one table, possibly over two pages."""
    rows: dict[str, list[str]] = {}
    header: list[str] = []
    if not positioned:
        return _finance_table_text(lines)
    label_x = lines[0].segments[0].x or 0.0
    columns: dict[float, list[str]] = {}
    body: list[Line] = []
    for line in lines:
        amounts = [s for s in line.segments if _AMOUNT.fullmatch(s.text)]
        if not amounts and not body and not any("deckung" in norm(s.text) for s in line.segments):
            for s in line.segments:
                if (s.x or 0.0) > label_x + 5:
                    columns.setdefault(round(s.x or 0.0), []).append(s.text)
            continue
        if norm(line.segments[0].text) in ("investive", "konsumtive"):
            continue  # the header repeated on the next page
        body.append(line)
    starts = sorted(columns)
    header = [" ".join(columns[x]) for x in starts]
    # Row labels may wrap over two lines; amounts sit at the height of the label block.
    blocks: list[tuple[int, float, float, list[str]]] = []
    values: list[tuple[int, float, Segment]] = []
    deckungen: list[Segment] = []
    for line in body:
        for s in line.segments:
            if _AMOUNT.fullmatch(s.text):
                values.append((line.page, line.y, s))
            elif "deckung" in norm(s.text) or "ausreichende" in norm(s.text):
                deckungen.append(s)
            elif (s.x or 0.0) <= label_x + 5:
                if (
                    blocks
                    and blocks[-1][0] == line.page
                    and blocks[-1][1] - line.y < 12
                    and (
                        not values
                        or values[-1][1] < blocks[-1][2] - 1
                        or values[-1][0] != line.page
                    )
                    and not _row_complete(blocks[-1][3])
                ):
                    page, top, _bottom, texts = blocks[-1]
                    blocks[-1] = (page, top, line.y, [*texts, s.text])
                else:
                    blocks.append((line.page, line.y, line.y, [s.text]))
    for page, top, bottom, texts in blocks:
        label = norm(_join_label(texts))
        label = re.sub(r"\s*/\s*", "/ ", label) if label.startswith("personal") else label
        cells = sorted(
            (s for p, y, s in values if p == page and bottom - 3 <= y <= top + 3),
            key=lambda s: s.x or 0.0,
        )
        if label.startswith("+ verbesserung"):
            continue
        if len(cells) == 6 or not starts:
            rows.setdefault(label, [c.text for c in cells])
        else:
            by_column = [""] * 6
            for c in cells:
                index = max(0, sum(1 for x in starts if (c.x or 0.0) + 2 >= x) - 1)
                if index < 6:
                    by_column[index] = c.text
            rows.setdefault(label, by_column if cells else [])
    if deckungen:
        split = starts[2] if len(starts) > 2 else 0.0
        left = " ".join(s.text for s in deckungen if (s.x or 0.0) < split)
        right = " ".join(s.text for s in deckungen if (s.x or 0.0) >= split)
        rows["deckung"] = [left, right]
    return header, rows


def _row_complete(texts: list[str]) -> bool:
    label = norm(_join_label(texts))
    return label in ("einzahlungen", "auszahlungen", "ergebnis", "ertrag", "abschreibungen")


def _join_label(texts: list[str]) -> str:
    """'Fortgeschrieb-' + 'ener Ansatz' → 'Fortgeschriebener Ansatz'; else joined by a space."""
    out = ""
    for text in texts:
        if out.endswith("-") and text[:1].islower():
            out = out[:-1] + text
        else:
            out = f"{out} {text}".strip()
    return out


def _finance_table_text(lines: list[Line]) -> tuple[list[str], dict[str, list[str]]]:
    """Copied text: a row label followed by its six amounts, one per line."""
    texts = [line.text for line in lines]
    header = [" ".join(t for t in texts if "Ansatz" in t)]
    rows: dict[str, list[str]] = {}
    label_parts: list[str] = []
    current: str | None = None
    deckung_texts: list[str] = []
    for text in texts:
        if _AMOUNT.fullmatch(text):
            if label_parts:
                label = norm(_join_label(label_parts))
                current = (
                    re.sub(r"\s*/\s*", "/ ", label) if label.startswith("personal") else (label)
                )
                label_parts = []
                rows.setdefault(current, [])
            if current is not None and len(rows[current]) < 6:
                rows[current].append(text)
            continue
        if "deckung" in norm(text) or "ausreichende" in norm(text):
            deckung_texts.append(text)
            continue
        if norm(text) in (
            "einzahlungen",
            "auszahlungen",
            "ergebnis",
            "ertrag",
            "abschreibungen",
            "personal-/",
            "sachaufwand",
            "personal-/ sachaufwand",
        ):
            label_parts.append(text)
    items: list[str] = []
    for text in deckung_texts:
        # "Deckung ist gegeben/ keine" + "ausreichende Deckung vorhanden" is one cell.
        if items and (items[-1].endswith(("keine", "/")) or text.startswith("ausreichende")):
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
    if items:
        rows["deckung"] = items[:2]
    return header, rows


def read_klimarelevanz(
    reader: Sammler, fragen: dict[str, KlimaFrage], lines: list[Line] | None, positioned: bool
) -> None:
    regions = None if lines is None else klima_regions(lines, fragen, text=lambda x: x.text)
    fill_klimarelevanz(
        reader,
        fragen,
        regions,
        lambda _name, frage, region: _klima_choices(region, frage, positioned),
    )


def _klima_choices(region: Sequence[Line], frage: KlimaFrage, positioned: bool) -> list[str]:
    labels: dict[str, str] = {}
    for key, text in frage.optionen.items():
        labels[norm(text)] = key
    for key, text in frage.schwellen.items():
        labels.setdefault(norm(text), key)
    chosen: list[str] = []
    if positioned:
        for line in region:
            segs = line.segments
            for k, s in enumerate(segs):
                if s.text.lower() == "x" and k + 1 < len(segs):
                    option = labels.get(norm(segs[k + 1].text))
                    if option is not None:
                        chosen.append(option)
        return chosen
    texts = [line.text for line in region]
    for k, text in enumerate(texts):
        if text.lower() == "x" and k + 1 < len(texts):
            option = labels.get(norm(texts[k + 1]))
        elif text.lower().startswith("x "):
            option = labels.get(norm(text[2:]))
        else:
            continue
        if option is not None:
            chosen.append(option)
    return chosen
