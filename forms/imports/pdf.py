"""Import a Vorlage from its printed form: the PDF (this program's export or the city's
"Vorlage-Sammeldokument"), read by the positions of its text, or the same content copied out
of a PDF viewer (`forms.imports.pdftext`, no positions).

Library: pypdf (pure Python, no native parts for the Windows bundle, already used by the
tests; its text visitor hands over every text run with its matrix and font). pdfminer.six
would group characters more finely but brings cryptography and charset-normalizer along;
the cover sheet is drawn in whole runs per cell line, so run positions are enough.

The cover-sheet layout (docs/domain.md §1): a label column with the values beside it,
Betreff, the optional "Ziele:" block, Beratungsfolge columns (Datum | Gremium | Zuständigkeit
[| Status], older TOP | Datum | Gremium | Kompetenz), Beschlussvorschlag and signature,
Erläuterungen, Finanzielle Auswirkungen (JA/NEIN mark, two tables), Klimarelevanz, Anlage/n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from forms.imports import finanzen
from forms.imports.grids import klima_regions, norm
from forms.imports.pdflines import Line, Segment, from_pdf
from forms.imports.report import ImportErgebnis, Sammler, VorlageImportError
from forms.imports.textblocks import markdown as lines_markdown
from forms.imports.values import date_only, enum_of, make_date, parse_status
from forms.imports.values import years as header_years
from forms.labels import field_label
from forms.markdown import escape, normalize
from forms.model import (
    Anlage,
    Beratung,
    BeratungStatus,
    Dienststelle,
    Klimarelevanz,
    Status,
)
from forms.profile import KlimaFrage, Profile, load_profile

QUELLE = "PDF"

_LABELS = {
    "federführende dienststelle": "federfuehrend",
    "beteiligte dienststelle/n": "beteiligt",
    "beteiligte dienststellen": "beteiligt",
    "beteiligte dienststelle": "beteiligt",
    "vorlage-nr.": "vorlage_nr",
    "vorlage-nr": "vorlage_nr",
    "vorlageart": "vorlageart",
    "status": "status",
    "az": "aktenzeichen",
    "aktenzeichen": "aktenzeichen",
    "datum": "datum",
    "verfasser/in": "verfasst_von",
    "verfasser": "verfasst_von",
}
_HEADINGS = {
    "betreff": "betreff",
    "beratungsfolge": "beratungsfolge",
    "beschlussvorschlag": "beschlussvorschlag",
    "beschlussvorschläge": "beschlussvorschlag",
    "erläuterungen": "erlaeuterungen",
    "finanzielle auswirkungen": "finanzen",
    "klimarelevanz": "klimarelevanz",
    "anlage/n": "anlagen",
    "anlagen": "anlagen",
    "anlage": "anlagen",
}
_AMOUNT = re.compile(r"[-−+]?\s?\d{1,3}(\.\d{3})*,\d{2}|[-−+]?\s?\d+,\d{2}")
_BULLET = ("•", "◦", "▪", "-", "–", "·")
_NUMBER = re.compile(r"\d{1,3}[.)]")
_MISSING = re.compile(r"–\s*(nicht ausgefüllt|keine .* angegeben)\s*–")


def looks_like(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def parse(data: bytes, profile: Profile | None = None, source: str = "Das PDF") -> ImportErgebnis:
    lines = from_pdf(data, source)
    if not lines:
        raise VorlageImportError(
            f"{source} enthält keinen Text (ein eingescanntes Dokument?); es kann nicht "
            "eingelesen werden."
        )
    return parse_lines(lines, profile, source, QUELLE)


def _key(line: Line) -> str:
    return norm(line.text).rstrip(":").strip()


def _is_heading(line: Line, positioned: bool) -> str | None:
    name = _HEADINGS.get(_key(line))
    if name is None or len(line.segments) != 1:
        return None
    if positioned and not line.segments[0].bold:
        return None  # the same words inside a paragraph
    return name


def _sections(lines: list[Line], positioned: bool) -> dict[str, tuple[int, int]]:
    """Section name → (first line after the heading, end). Betreff comes first; the order of
    the other sections differs between the city's layout and ours."""
    starts: dict[str, int] = {}
    for i, line in enumerate(lines):
        name = _is_heading(line, positioned)
        if name is None:
            continue
        if name == "finanzen" and not any(
            "JA" in x.text.split() or "NEIN" in x.text.split() for x in lines[i + 1 : i + 4]
        ):
            continue
        if name == "anlagen":
            starts[name] = i  # the last one: Anlage/n is the last section
        elif name not in starts and (name == "betreff" or "betreff" in starts or not positioned):
            starts[name] = i
    order = sorted(starts.items(), key=lambda kv: kv[1])
    out: dict[str, tuple[int, int]] = {}
    for k, (name, i) in enumerate(order):
        end = order[k + 1][1] if k + 1 < len(order) else len(lines)
        out[name] = (i + 1, end)
    return out


def parse_lines(
    lines: list[Line], profile: Profile | None, source: str, quelle: str
) -> ImportErgebnis:
    positioned = any(s.x is not None for line in lines for s in line.segments)
    sections = _sections(lines, positioned)
    if "betreff" not in sections and len(sections) < 2:
        raise VorlageImportError(
            f"{source} sieht nicht wie eine gedruckte Vorlage aus: weder „Betreff:“ noch "
            "Abschnitte wie „Beratungsfolge“ oder „Erläuterungen“ gefunden."
        )
    reader = _Reader(profile or load_profile(), positioned)
    first = min(start for start, _ in sections.values()) - 1
    reader.grunddaten(lines[:first])

    def part(name: str) -> list[Line] | None:
        if name not in sections:
            return None
        start, end = sections[name]
        return lines[start:end]

    reader.betreff(part("betreff"))
    reader.beratungsfolge(part("beratungsfolge"))
    reader.beschlussvorschlag(part("beschlussvorschlag"))
    reader.erlaeuterungen(part("erlaeuterungen"))
    reader.finanzen(part("finanzen"))
    reader.klimarelevanz(part("klimarelevanz"))
    reader.anlagen(part("anlagen"))
    reader.truncation(lines, sections)
    return reader.result(quelle)


@dataclass
class _Block:
    """A paragraph or list item: its lines' segments, the list label, the indent."""

    kind: str  # "p", "ul", "ol", "h1", "h2"
    x: float
    label: str
    segments: list[Segment]
    gap_before: float


class _Reader(Sammler):
    def __init__(self, profile: Profile, positioned: bool) -> None:
        super().__init__()
        self.profile = profile
        self.positioned = positioned

    # -- label column ------------------------------------------------------------------------

    def grunddaten(self, lines: list[Line]) -> None:
        values: dict[str, list[str]] = {}
        current: str | None = None
        for line in lines:
            segments = list(line.segments)
            head = segments[0].text
            label, sep, rest = head.partition(":")
            attr = _LABELS.get(norm(label)) if sep else None
            if attr is None and not sep:
                attr = _LABELS.get(norm(head)) if not self.positioned else None
                rest = ""
            if attr is not None:
                current = attr
                values[attr] = [rest.strip()] if rest.strip() else []
                values[attr] += [s.text for s in segments[1:] if s.text]
                continue
            if current is not None:
                values[current] += [s.text for s in segments if s.text]
        g = self.v.grunddaten
        for attr, parts in values.items():
            path = f"grunddaten.{attr}"
            if attr == "beteiligt":
                units = [Dienststelle.from_text(p) for p in parts if p.strip()]
                if units:
                    self.set(g, "beteiligt", units, path)
                continue
            text = " ".join(parts).strip()
            if not text:
                continue
            if attr == "federfuehrend":
                self.set(g, attr, Dienststelle.from_text(text), path)
            elif attr == "status":
                parsed = parse_status(text)
                status = parsed and self.make(
                    Status, path, sichtbarkeit=parsed[0], workflow=parsed[1]
                )
                if status:
                    self.set(g, "status", status, path)
                else:
                    self.missing(f"Status „{text}“ nicht verstanden.")
            elif attr == "datum":
                found = date_only(text)
                datum = make_date(*found[0]) if found else None
                if datum is None:
                    self.missing(f"Datum „{text}“ nicht verstanden.")
                else:
                    self.set(g, "datum", datum, path)
            else:
                self.set(g, attr, text, path)
        for attr, what in (
            ("vorlage_nr", "Vorlage-Nr."),
            ("federfuehrend", "Federführende Dienststelle"),
            ("verfasst_von", "Verfasser/in"),
        ):
            if f"grunddaten.{attr}" not in self.b.gefuellt:
                self.missing(f"{what} nicht gefunden.")
        if "grunddaten.vorlageart" not in self.b.gefuellt:
            g.vorlageart = ""  # never pass the model's default off as read
            self.missing("Vorlageart nicht gefunden.")
        if "grunddaten.status" not in self.b.gefuellt:
            self.hint(
                "Status nicht gefunden; die Vorgabe „öffentlich“ ist nicht gelesen, bitte prüfen."
            )

    # -- Betreff -------------------------------------------------------------------------------

    def betreff(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.missing("Betreff nicht gefunden.")
            return
        texts = [line.text for line in lines]
        ziele = next((i for i, t in enumerate(texts) if t.startswith("Ziele:")), None)
        if ziele is not None:
            self.hint(
                f"„{' '.join(texts[ziele:])}“ hat kein Feld im Programm und wurde nicht übernommen."
            )
            texts = texts[:ziele]
        text = " ".join(t for t in texts if t)
        if _MISSING.fullmatch(text):
            text = ""
        self.set_text(
            self.v.grunddaten, "betreff", text, "grunddaten.betreff", empty="Betreff ist leer."
        )

    # -- Beratungsfolge ------------------------------------------------------------------------

    def beratungsfolge(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.missing("Abschnitt „Beratungsfolge“ nicht gefunden.")
            return
        if any(_MISSING.fullmatch(line.text) for line in lines[:1]):
            return
        rows = self._rows_positioned(lines) if self.positioned else self._rows_text(lines)
        if rows is None:
            self.missing("Beratungsfolge: Kopfzeile (Datum | Gremium | …) nicht gefunden.")
            return
        read = [b for i, row in enumerate(rows) if (b := self._beratung(i, row)) is not None]
        if read:
            self.set(self.v, "beratungsfolge", read, "beratungsfolge")

    def _rows_positioned(self, lines: list[Line]) -> list[dict[str, str]] | None:
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

    def _rows_text(self, lines: list[Line]) -> list[dict[str, str]] | None:
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

    def _beratung(self, i: int, row: dict[str, str]) -> Beratung | None:
        where = f"Beratungsfolge, Zeile {i + 1}"
        datum = None
        text = row.get("Datum", "")
        if text:
            found = date_only(text)
            if found is None:
                self.missing(f"{where}: Datum „{text}“ nicht verstanden.")
            else:
                if len(found) > 1:
                    self.missing(f"{where}: zwei Daten ({text}); das erste übernommen.")
                datum = make_date(*found[0])
                if datum is None:
                    self.missing(f"{where}: Datum „{text}“ ungültig.")
        status_text = row.get("Status", "")
        if status_text in {s.value for s in BeratungStatus}:
            status = BeratungStatus(status_text)
        else:
            status = BeratungStatus.GEPLANT  # the model's default, named as such below
            if status_text:
                self.missing(
                    f"{where}: Status „{status_text}“ kennt das Programm nicht; die Vorgabe "
                    "„Geplant“ steht da, bitte prüfen."
                )
            else:
                self.hint(f"{where}: kein Status gedruckt; „Geplant“ ist nur die Vorgabe.")
        gremium = row.get("Gremium", "")
        if not gremium:
            self.missing(f"{where}: Gremium nicht gefunden.")
        rolle = row.get("Zuständigkeit") or row.get("Kompetenz") or ""
        return self.make(
            Beratung,
            f"beratungsfolge.{i}",
            status=status,
            datum=datum,
            gremium=gremium,
            rolle=rolle,
        )

    # -- rich text -----------------------------------------------------------------------------

    def beschlussvorschlag(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.hint("Kein Abschnitt „Beschlussvorschlag“ (bei Kenntnisnahmen üblich).")
            return
        body, signature = _split_signature(lines, self.positioned)
        if signature:
            self.set(
                self.v.grunddaten, "unterschrift", "\n".join(signature), "grunddaten.unterschrift"
            )
        self._rich("beschlussvorschlag", body)

    def erlaeuterungen(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.missing("Abschnitt „Erläuterungen“ nicht gefunden.")
            return
        self._rich("erlaeuterungen", lines)

    def _rich(self, attr: str, lines: list[Line]) -> None:
        if len(lines) == 1 and _MISSING.fullmatch(lines[0].text):
            return
        text = rich_markdown(lines) if self.positioned else text_markdown(lines)
        self.set_text(
            self.v, attr, text, attr, empty=f"{field_label((attr,))}: Abschnitt ist leer."
        )

    # -- Finanzen ------------------------------------------------------------------------------

    def finanzen(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.missing("Abschnitt „Finanzielle Auswirkungen“ nicht gefunden.")
            return
        self._ja_nein(lines)
        starts = [
            i
            for i, line in enumerate(lines)
            if norm(line.segments[0].text) in ("investive", "konsumtive")
        ]
        if not starts:
            self.missing("Finanzielle Auswirkungen: keine der beiden Tabellen gefunden.")
            return
        found: set[tuple[str, int]] = set()
        seen: set[str] = set()
        for k, start in enumerate(starts):
            kind = "investiv" if norm(lines[start].segments[0].text) == "investive" else "konsumtiv"
            end = starts[k + 1] if k + 1 < len(starts) else len(lines)
            if kind in seen:
                continue
            seen.add(kind)
            header, rows = _finance_table(lines[start:end], self.positioned)
            found |= header_years(header)
            finanzen.fill_table(self, kind, rows)
        for kind in ("investiv", "konsumtiv"):
            if kind not in seen:
                self.missing(
                    f"Finanzielle Auswirkungen: Tabelle „{kind}“ nicht gefunden "
                    "(Datei abgeschnitten?)."
                )
        finanzen.set_haushaltsjahr(self, found)

    def _ja_nein(self, lines: list[Line]) -> None:
        at = next(
            (
                i
                for i, line in enumerate(lines[:4])
                if [s.text for s in line.segments][:2] == ["JA", "NEIN"]
                or (line.text == "JA" and i + 1 < len(lines) and lines[i + 1].text == "NEIN")
            ),
            None,
        )
        if at is None or not self.positioned:
            if at is None:
                self.missing("Finanzielle Auswirkungen: Kästchen JA/NEIN nicht gefunden.")
            else:
                self.missing(
                    "Finanzielle Auswirkungen: JA/NEIN ist ohne Positionen (kopierter "
                    "Text) nicht eindeutig; bitte im Assistenten ankreuzen."
                )
            return
        ja, nein = lines[at].segments[:2]
        marks = (
            [s for s in lines[at + 1].segments if s.text.lower() == "x"]
            if at + 1 < len(lines)
            else []
        )
        if len(marks) != 1:
            what = "kein Kreuz" if not marks else "mehrere Kreuze"
            self.missing(f"Finanzielle Auswirkungen: JA/NEIN nicht eindeutig ({what}).")
            return
        x = marks[0].x or 0.0
        choice = abs(x - (ja.x or 0.0)) < abs(x - (nein.x or 0.0))
        self.set(self.v.finanzen, "auswirkungen", choice, "finanzen.auswirkungen")

    # -- Klimarelevanz -------------------------------------------------------------------------

    def klimarelevanz(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.missing(
                "Abschnitt „Klimarelevanz“ nicht gefunden (ältere Vorlagen haben ihn nicht)."
            )
            return
        fragen = self.profile.klimarelevanz.fragen
        for name, region in _klima_regions(lines, fragen).items():
            label = field_label(("klimarelevanz", name))
            if region is None:
                self.missing(f"{label}: Frage nicht gefunden.")
                continue
            chosen = _klima_choices(region, fragen[name], self.positioned)
            if len(chosen) > 1:
                self.missing(f"{label}: mehrere Kreuze ({', '.join(chosen)}); nichts übernommen.")
            elif not chosen:
                self.hint(f"{label}: kein Kreuz.")
            else:
                annotation = Klimarelevanz.model_fields[name].annotation
                self.set(
                    self.v.klimarelevanz,
                    name,
                    enum_of(annotation, chosen[0]),
                    f"klimarelevanz.{name}",
                )

    # -- Anlagen -------------------------------------------------------------------------------

    def anlagen(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.hint("Kein Abschnitt „Anlage/n“.")
            return
        titles: list[list[str]] = []
        for line in lines:
            texts = [s.text for s in line.segments if s.text]
            first = texts[0] if texts else ""
            number = re.match(r"(\d{1,3})[.)]\s*(.*)", first)
            if number:
                titles.append([number[2], *texts[1:]] if number[2] else texts[1:])
            elif titles:
                titles[-1] += texts
        anlagen = [
            a
            for i, t in enumerate(titles)
            if (title := " ".join(x for x in t if x))
            and not _MISSING.fullmatch(title)
            and (a := self.make(Anlage, f"anlagen.{i}", titel=title)) is not None
        ]
        if anlagen:
            self.set(self.v, "anlagen", anlagen, "anlagen")
        else:
            self.missing("Anlage/n: Abschnitt gefunden, aber keine Anlage gelesen.")

    # -- a file that ends early ----------------------------------------------------------------

    def truncation(self, lines: list[Line], sections: dict[str, tuple[int, int]]) -> None:
        last = max(sections, key=lambda n: sections[n][0])
        text = lines[-1].text if lines else ""
        ends_mid = (
            bool(text)
            and text[-1] not in '.!?:;)“"'
            and last in ("erlaeuterungen", "beschlussvorschlag", "betreff")
        )
        wanted = {"erlaeuterungen", "finanzen"}
        if ends_mid or not wanted <= set(sections):
            self.hint(
                f"Die Datei endet im Abschnitt „{_TITLES.get(last, last)}“"
                f"{' mitten im Satz' if ends_mid else ''}; sie ist vielleicht nicht vollständig. "
                "Fehlende Teile bitte im Assistenten ergänzen."
            )


_TITLES = {
    "betreff": "Betreff",
    "beratungsfolge": "Beratungsfolge",
    "beschlussvorschlag": "Beschlussvorschlag",
    "erlaeuterungen": "Erläuterungen",
    "finanzen": "Finanzielle Auswirkungen",
    "klimarelevanz": "Klimarelevanz",
    "anlagen": "Anlage/n",
}


def _column(columns: list[tuple[str, float]], x: float) -> str:
    """The header column a cell belongs to: the last one starting at or left of it."""
    name = columns[0][0]
    for text, start in columns:
        if x + 2 >= start:
            name = text
    return name


# -- signature -----------------------------------------------------------------------------------

_SIGNATURE_GAP = 24.0
_SIGNATURE_WORDS = re.compile(
    r"^(In Vertretung|(Ober)?[Bb]ürgermeister(in)?|Beigeordnete(r)?|Stadtdirektor(in)?)\b"
)


def _split_signature(lines: list[Line], positioned: bool) -> tuple[list[Line], list[str]]:
    """The signature is the last block of the Beschlussvorschlag section, set apart by extra
    space (printed) or recognised by its words (copied text)."""
    if not lines:
        return lines, []
    if positioned:
        for i in range(len(lines) - 1, 0, -1):
            same_page = lines[i].page == lines[i - 1].page
            if same_page and lines[i - 1].y - lines[i].y > _SIGNATURE_GAP:
                return lines[:i], [line.text for line in lines[i:]]
        return lines, []
    for i in range(len(lines) - 1, -1, -1):
        if _SIGNATURE_WORDS.match(lines[i].text):
            start = i - 1 if i > 0 and not lines[i - 1].text.endswith(".") else i
            return lines[:start], [line.text for line in lines[start:]]
    return lines, []


# -- rich text from positioned lines ---------------------------------------------------------------


def _span_markdown(segments: list[Segment], plain_bold: bool = False) -> str:
    """The spans of a block's lines as Markdown. A bold phrase that wraps onto the next line
    is one phrase: spans of the same style are merged across line ends first."""
    runs: list[list[Any]] = []  # [text, bold, italic]
    for segment in segments:
        for span in segment.spans:
            style = (span.bold and not plain_bold, span.italic)
            # Same style, or a bare space between styles: part of the run before.
            if runs and ((runs[-1][1], runs[-1][2]) == style or not span.text.strip()):
                runs[-1][0] += span.text
            else:
                runs.append([span.text, *style])
        if runs:
            runs[-1][0] += " "  # the line break between two printed lines
    parts: list[str] = []
    for text, bold, italic in runs:
        if not text.strip():
            parts.append(" ")
            continue
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        inner = escape(" ".join(text.split()))
        if bold and italic:
            inner = f"***{inner}***"
        elif bold:
            inner = f"**{inner}**"
        elif italic:
            inner = f"*{inner}*"
        parts.append(lead + inner + tail)
    return " ".join("".join(parts).split())


def _right_edge(line: Line) -> float:
    """Where the line's text ends (Helvetica metrics: Arial and Liberation Sans share them)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    last = line.segments[-1]
    return (last.x or 0.0) + stringWidth(last.text, "Helvetica", last.size or 10.0)


def _same_paragraph(previous: Line, line: Line, right: float) -> bool:
    """Across a page break: the tagged PDF says it (one structure element); an untagged one
    only by the wrap: the paragraph went on if the next word did not fit."""
    before, after = previous.segments[-1].element, line.segments[0].element
    if before is not None and after is not None:
        return before == after
    return not _fits(previous, line, right)


def _fits(previous: Line, line: Line, right: float) -> bool:
    """Whether the first word of `line` would have fitted at the end of `previous`: then the
    break was a paragraph end, not a wrap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = line.text.split()
    size = line.segments[0].size or 10.0
    word = stringWidth(" " + (words[0] if words else ""), "Helvetica", size)
    return _right_edge(previous) + word < right - 1


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    previous: Line | None = None
    # A paragraph split over two pages continues if its last line on the first page is full.
    right = max((_right_edge(line) for line in lines if line.segments), default=0.0)
    for line in lines:
        segs = [s for s in line.segments if s.text]
        if not segs:
            continue
        gap = (previous.y - line.y) if previous and previous.page == line.page else 0.0
        size = segs[0].size or 10.0
        first = segs[0].text
        label = ""
        kind = "p"
        if len(segs) >= 2 and (first in _BULLET or _NUMBER.fullmatch(first)):
            label, kind, segs = first, ("ul" if first in _BULLET else "ol"), segs[1:]
        elif segs[0].bold and all(s.bold for s in segs) and size >= 10.4:
            kind = "h1" if size >= 11 else "h2"
        x = segs[0].x or 0.0
        leading = size * 1.3
        last = blocks[-1] if blocks else None
        continues = (
            last is not None
            and kind == "p"
            and last.kind in ("p", "ul", "ol")
            and previous is not None
            and (
                (previous.page == line.page and gap <= leading * 1.1)
                or (previous.page != line.page and _same_paragraph(previous, line, right))
            )
            and abs(x - (last.segments[0].x or 0.0)) < 1.5
        )
        if continues and last is not None:
            last.segments.extend(segs)
        else:
            blocks.append(_Block(kind, line.x or 0.0, label, list(segs), gap))
        previous = line
    return blocks


def rich_markdown(lines: list[Line]) -> str:
    """Positioned lines → canonical Markdown: paragraphs by spacing, list items by their
    label, nesting by indent, bold/italic by font, headings by size."""
    out: list[str] = []
    # Open list levels: (indent of the label on the page, width of the Markdown marker).
    levels: list[tuple[float, int]] = []
    prev_kind = ""
    for block in _blocks(lines):
        heading = block.kind in ("h1", "h2")
        text = _span_markdown(block.segments, plain_bold=heading)
        if not text:
            continue
        if block.kind in ("ul", "ol"):
            while levels and block.x < levels[-1][0] - 1:
                levels.pop()
            marker = "-" if block.kind == "ul" else block.label.rstrip(".)") + "."
            if levels and abs(block.x - levels[-1][0]) <= 1:
                levels[-1] = (block.x, len(marker) + 1)
            else:
                levels.append((block.x, len(marker) + 1))
            pad = " " * sum(width for _, width in levels[:-1])
            sep = "\n" if prev_kind in ("ul", "ol") else "\n\n"
            out.append((sep if out else "") + f"{pad}{marker} {text}")
        else:
            levels = []
            prefix = {"h1": "# ", "h2": "## "}.get(block.kind, "")
            out.append(("\n\n" if out else "") + prefix + text)
        prev_kind = block.kind
    return normalize("".join(out))


def text_markdown(lines: list[Line]) -> str:
    """Copied text → Markdown: wrapped lines of one sentence are joined first."""
    from forms.imports.textblocks import join_wrapped

    return lines_markdown(join_wrapped([line.text for line in lines]))


# -- Finanzen tables ---------------------------------------------------------------------------


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


# -- Klimarelevanz -----------------------------------------------------------------------------


def _klima_regions(
    lines: list[Line], fragen: dict[str, KlimaFrage]
) -> dict[str, list[Line] | None]:
    found = klima_regions(lines, fragen, text=lambda line: line.text)
    return {name: found.get(name) for name in fragen}


def _klima_choices(region: list[Line], frage: KlimaFrage, positioned: bool) -> list[str]:
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
