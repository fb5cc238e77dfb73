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
This module finds the sections and reads the label column, Betreff, Anlagen and the end of the
file; the rest lives beside it: `pdfrich` (rich text, signature), `pdfberatung` (Beratungsfolge
rows) and `pdftables` (JA/NEIN, the finance tables, the Klimarelevanz boxes).
"""

from __future__ import annotations

import re

from forms.imports.grids import norm
from forms.imports.pdfberatung import read_beratungsfolge
from forms.imports.pdflines import PRINTED_EMPTY, Line, from_pdf
from forms.imports.pdfrich import rich_markdown, split_signature, text_markdown
from forms.imports.pdftables import read_finanzen, read_klimarelevanz
from forms.imports.report import ImportErgebnis, Sammler, VorlageImportError
from forms.imports.values import date_only, is_placeholder, make_date, parse_status
from forms.labels import field_label
from forms.model import (
    Anlage,
    Dienststelle,
    Status,
)
from forms.profile import Profile, load_profile

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
    read_beratungsfolge(reader, part("beratungsfolge"), positioned)
    reader.beschlussvorschlag(part("beschlussvorschlag"))
    reader.erlaeuterungen(part("erlaeuterungen"))
    read_finanzen(reader, part("finanzen"), positioned)
    read_klimarelevanz(
        reader, reader.profile.klimarelevanz.fragen, part("klimarelevanz"), positioned
    )
    reader.anlagen(part("anlagen"))
    reader.truncation(lines, sections)
    return reader.result(quelle)


class _Reader(Sammler):
    def __init__(self, profile: Profile, positioned: bool) -> None:
        super().__init__()
        self.profile = profile
        self.v.profil = profile.id  # read with this profile's catalogues: it belongs to it
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
            # Only the first "Status:" is the label; a later one is text of the value.
            if attr is not None and attr not in values:
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
        if PRINTED_EMPTY.fullmatch(text):
            text = ""
        self.set_text(
            self.v.grunddaten, "betreff", text, "grunddaten.betreff", empty="Betreff ist leer."
        )

    # -- rich text -----------------------------------------------------------------------------

    def beschlussvorschlag(self, lines: list[Line] | None) -> None:
        if lines is None:
            self.hint("Kein Abschnitt „Beschlussvorschlag“ (bei Kenntnisnahmen üblich).")
            return
        body, signature = split_signature(lines, self.positioned)
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
        if len(lines) == 1 and PRINTED_EMPTY.fullmatch(lines[0].text):
            return
        text = rich_markdown(lines) if self.positioned else text_markdown(lines)
        self.set_text(
            self.v, attr, text, attr, empty=f"{field_label((attr,))}: Abschnitt ist leer."
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
        whole = " ".join(line.text for line in lines if line.text)
        if not titles and is_placeholder(whole) and whole.strip():
            titles = [[whole]]  # "keine" or "–" written without a number
        anlagen: list[Anlage] = []
        placeholders: list[str] = []
        for i, t in enumerate(titles):
            title = " ".join(x for x in t if x)
            if not title or PRINTED_EMPTY.fullmatch(title):
                continue
            if is_placeholder(title):
                placeholders.append(title)
            elif (a := self.make(Anlage, f"anlagen.{i}", titel=title)) is not None:
                anlagen.append(a)
        for text in placeholders:
            self.hint(f"Anlage/n: „{text}“ ist ein Platzhalter, keine Anlage; nicht übernommen.")
        if anlagen:
            self.set(self.v, "anlagen", anlagen, "anlagen")
        elif not placeholders:
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
