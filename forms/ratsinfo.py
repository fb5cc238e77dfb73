"""Import a Vorlage from the text of its page in the council information system (ALLRIS).

Input is what a browser copies from a `vo020` page (`/bi/…` or `/public/…`, normal or print
view): section headings on their own lines, Grunddaten as "- Label:" / "- value" lines, and HTML
tables broken over many lines where every cell ends with "|". The result is a normal draft
plus an `ImportBericht` that lists every field filled and every part that could not be read.

Never invent a value: what is not on the page stays empty and shows up in
`forms.rules.problems()` like in any other draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path

from forms.errors import VorlageError
from forms.formatting import EingabeFehler, parse_betrag
from forms.labels import field_label
from forms.markdown import escape, normalize
from forms.model import (
    Anlage,
    Beratung,
    BeratungStatus,
    Deckung,
    Dienststelle,
    Klimarelevanz,
    Sichtbarkeit,
    Spalten,
    Status,
    Vorlage,
)
from forms.profile import KlimaFrage, Profile, load_profile

# A page is a few hundred kilobytes at most; a larger "page" is the wrong file.
MAX_PAGE_BYTES = 8 * 1024 * 1024


class RatsinfoImportError(VorlageError):
    """The text is not a Vorlage page at all (nothing could be imported)."""


@dataclass
class ImportBericht:
    """What the import did: filled fields (model paths), parts not read, and remarks."""

    gefuellt: list[str] = field(default_factory=list)
    nicht_gelesen: list[str] = field(default_factory=list)
    hinweise: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The report as the clerk reads it (German, one item per line)."""
        lines = [f"Übernommen ({len(self.gefuellt)} Felder):"]
        lines += [f"  • {field_label(p)}" for p in self.gefuellt] or ["  (nichts)"]
        if self.nicht_gelesen:
            lines.append(f"Nicht gelesen ({len(self.nicht_gelesen)}):")
            lines += [f"  • {m}" for m in self.nicht_gelesen]
        if self.hinweise:
            lines.append("Hinweise:")
            lines += [f"  • {m}" for m in self.hinweise]
        return "\n".join(lines)


@dataclass
class ImportErgebnis:
    vorlage: Vorlage
    bericht: ImportBericht


# --------------------------------------------------------------------------------------------
# Sections


class _Abschnitt(Enum):
    GRUNDDATEN = "Grunddaten"
    BERATUNGSFOLGE = "Beratungsfolge"
    BESCHLUSSVORSCHLAG = "Beschlussvorschlag"
    ERLAEUTERUNGEN = "Erläuterungen"
    ANLAGEN = "Anlagen"
    AUSWIRKUNGEN = "Auswirkungen"
    KLIMARELEVANZ = "Klimarelevanz"


_ORDER = list(_Abschnitt)
_TITLE = re.compile(
    r"^(?P<art>[A-Za-zÄÖÜäöüß][^|]*?)\s+-\s+"
    r"(?P<nr>[A-Z]{1,2}\s?\d{1,2}/\d{3,5}/WP\s?\d{1,2}(?:-\d+)?)\s*$"
)
_DATUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# Lines a browser copies from the page's chrome; they carry no content.
_SEPARATOR = re.compile(r"\s*-{3,}(\s*\|\s*-{3,})*\s*\|?\s*")
_NOISE = {"Reduzieren", "Erweitern", "Drucken", "Seite drucken", "Zurück"}


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _is_heading(lines: list[str], i: int, abschnitt: _Abschnitt) -> bool:
    """A line is a section heading only where the page structure says so; Erläuterungen may
    contain a line "Anlagen" or "Auswirkungen" as an ordinary sub-heading."""
    if lines[i].strip() != abschnitt.value:
        return False
    after = [x.strip() for x in lines[i + 1 : i + 4] if x.strip()]
    nxt = after[0] if after else ""
    if abschnitt is _Abschnitt.ANLAGEN:
        return nxt.startswith("Nr.")  # the table header "Nr. | Name | Original | …"
    if abschnitt is _Abschnitt.AUSWIRKUNGEN:
        return nxt.startswith("Finanzielle Auswirkungen")
    if abschnitt is _Abschnitt.KLIMARELEVANZ:
        return nxt.startswith("Bedeutung der Maßnahme")
    return True


def _split_sections(lines: list[str]) -> dict[_Abschnitt, list[str]]:
    """Headings are searched in their fixed order, each after the previous one found."""
    starts: list[tuple[int, _Abschnitt]] = []
    pos = 0
    for abschnitt in _ORDER:
        for i in range(pos, len(lines)):
            if _is_heading(lines, i, abschnitt):
                starts.append((i, abschnitt))
                pos = i + 1
                break
    sections: dict[_Abschnitt, list[str]] = {}
    for k, (i, abschnitt) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        sections[abschnitt] = lines[i + 1 : end]
    return sections


def _cells(text: str) -> list[str]:
    """Cells of a table broken over lines: every cell ends with "|" (text after the last "|"
    is not a cell). Whitespace and line breaks inside a cell collapse to single spaces."""
    parts = text.split("|")
    return [" ".join(p.split()) for p in parts[:-1]]


def _is_mark(cell: str) -> bool:
    """An "x" in a checkbox cell; older pages add a remark, e.g. "X (s. Erläuterungen)"."""
    return re.fullmatch(r"[xX☒✗✕](\s*\(.*\))?", cell.strip()) is not None


# --------------------------------------------------------------------------------------------
# Entry points


def read_page_text(path: str | Path) -> str:
    """The text of a saved page (UTF-8, or cp1252 from older Windows browsers)."""
    path = Path(path)
    source = f"„{path.name}“"
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise RatsinfoImportError(f"{source} ist zu groß für eine Seite des Ratsinfosystems.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RatsinfoImportError(f"{source} gibt es nicht.") from None
    except IsADirectoryError:
        raise RatsinfoImportError(f"{source} ist ein Ordner, keine Datei.") from None
    except OSError as exc:
        raise RatsinfoImportError(f"{source} kann nicht gelesen werden: {exc.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load_page(path: str | Path, profile: Profile | None = None) -> ImportErgebnis:
    path = Path(path)
    return parse(read_page_text(path), profile, source=f"„{path.name}“")


def parse(text: str, profile: Profile | None = None, source: str = "Der Text") -> ImportErgebnis:
    """Build a draft Vorlage from page text. Raises RatsinfoImportError when nothing fits."""
    profile = profile or load_profile()
    lines = [
        line.replace("\u00a0", " ").rstrip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if line.strip() not in _NOISE
    ]
    vorlage = Vorlage()
    bericht = ImportBericht()
    sections = _split_sections(lines)
    title = _title(lines)
    if title is None and not sections:
        raise RatsinfoImportError(
            f"{source} sieht nicht wie eine Vorlage aus dem Ratsinformationssystem aus: "
            "weder eine Titelzeile „Vorlageart - Vorlage-Nr.“ noch Abschnitte wie "
            "„Grunddaten“ oder „Erläuterungen“ gefunden."
        )
    imp = _Importer(vorlage, bericht, profile)
    imp.title(title)
    imp.grunddaten(sections.get(_Abschnitt.GRUNDDATEN))
    imp.beratungsfolge(sections.get(_Abschnitt.BERATUNGSFOLGE))
    imp.beschlussvorschlag(sections.get(_Abschnitt.BESCHLUSSVORSCHLAG))
    imp.erlaeuterungen(sections.get(_Abschnitt.ERLAEUTERUNGEN))
    imp.anlagen(sections.get(_Abschnitt.ANLAGEN))
    imp.finanzen(sections.get(_Abschnitt.AUSWIRKUNGEN))
    imp.klimarelevanz(sections.get(_Abschnitt.KLIMARELEVANZ))
    if sections:
        last = max(sections, key=_ORDER.index)
        if last is not _Abschnitt.KLIMARELEVANZ:
            bericht.hinweise.append(
                f"Der Text endet mit dem Abschnitt „{last.value}“; die Seite ist vielleicht "
                "nicht vollständig kopiert. Fehlende Teile bitte im Assistenten ergänzen."
            )
    return ImportErgebnis(vorlage, bericht)


def _title(lines: list[str]) -> re.Match[str] | None:
    # Navigation text may precede the title when the whole browser page was copied.
    for line in lines[:40]:
        match = _TITLE.match(line.strip())
        # "Vorlage - …" is the breadcrumb of the /public/ layout, not the Vorlageart.
        if match and match["art"].strip() != "Vorlage":
            return match
    return None


# --------------------------------------------------------------------------------------------


class _Importer:
    def __init__(self, vorlage: Vorlage, bericht: ImportBericht, profile: Profile) -> None:
        self.v = vorlage
        self.b = bericht
        self.profile = profile

    def filled(self, path: str) -> None:
        if path not in self.b.gefuellt:
            self.b.gefuellt.append(path)

    def missing(self, message: str) -> None:
        self.b.nicht_gelesen.append(message)

    # -- title and Grunddaten ----------------------------------------------------------------

    def title(self, match: re.Match[str] | None) -> None:
        if match is None:
            self.missing("Titelzeile „Vorlageart - Vorlage-Nr.“ nicht gefunden.")
            return
        self.v.grunddaten.vorlageart = match["art"].strip()
        self.v.grunddaten.vorlage_nr = " ".join(match["nr"].split())
        self.filled("grunddaten.vorlageart")
        self.filled("grunddaten.vorlage_nr")

    def grunddaten(self, section: list[str] | None) -> None:
        g = self.v.grunddaten
        if section is None:
            self.missing(
                "Abschnitt „Grunddaten“ nicht gefunden (Druckansicht?): Betreff, Status, "
                "Federführend, Beteiligt und „Verfasst von“ fehlen."
            )
            return
        values = _key_values(section)
        if betreff := values.pop("Betreff", ""):
            g.betreff = betreff
            self.filled("grunddaten.betreff")
        else:
            self.missing("Betreff nicht gefunden.")
        if status := values.pop("Status", ""):
            self._status(status)
        else:
            self.missing("Status nicht gefunden.")
        if art := values.pop("Vorlageart", ""):
            if self.v.grunddaten.vorlage_nr and art != g.vorlageart:
                self.b.hinweise.append(
                    f"Titelzeile nennt die Vorlageart „{g.vorlageart}“, die Grunddaten "
                    f"„{art}“; übernommen wurde „{art}“."
                )
            g.vorlageart = art
            self.filled("grunddaten.vorlageart")
        if feder := values.pop("Federführend", ""):
            g.federfuehrend = Dienststelle.from_text(feder)
            self.filled("grunddaten.federfuehrend")
        else:
            self.missing("Federführend nicht gefunden.")
        if beteiligt := values.pop("Beteiligt", ""):
            g.beteiligt = [Dienststelle.from_text(x) for x in beteiligt.split("; ") if x.strip()]
            self.filled("grunddaten.beteiligt")
        if verfasst := values.pop("Verfasst von", ""):
            g.verfasst_von = verfasst
            self.filled("grunddaten.verfasst_von")
        else:
            self.missing("„Verfasst von“ nicht gefunden.")
        for key in values:
            self.b.hinweise.append(f"Grunddaten-Feld „{key}“ ist unbekannt und wurde übergangen.")

    def _status(self, text: str) -> None:
        match = re.fullmatch(r"(nicht\s?öffentlich|öffentlich)\s*(?:\((.*)\))?", text.strip())
        if match is None:
            self.missing(f"Status „{text}“ nicht verstanden.")
            return
        sichtbarkeit = (
            Sichtbarkeit.OEFFENTLICH if match[1] == "öffentlich" else Sichtbarkeit.NICHTOEFFENTLICH
        )
        self.v.grunddaten.status = Status(sichtbarkeit=sichtbarkeit, workflow=match[2] or "")
        self.filled("grunddaten.status")

    # -- Beratungsfolge ------------------------------------------------------------------------

    def beratungsfolge(self, section: list[str] | None) -> None:
        if section is None:
            self.missing("Abschnitt „Beratungsfolge“ nicht gefunden.")
            return
        # Drop the "---|---|" separator and the header row of the table.
        body = [x for x in section if not _SEPARATOR.fullmatch(x)]
        if body and body[0].strip().startswith("Status") and "Gremium" in body[0]:
            body = body[1:]
        rows: list[list[str]] = []
        for cell in _cells("\n".join(body) + "|"):
            status = re.fullmatch(r"(?:●|\W)?\s*(Erledigt|Geplant)", cell)
            if status:
                rows.append([status[1]])
            elif rows:
                rows[-1].append(cell)
            elif cell.strip():
                self.b.hinweise.append(f"Beratungsfolge: „{cell}“ vor der ersten Zeile übergangen.")
        if not rows:
            self.missing(
                "Beratungsfolge: keine Zeile gefunden (in der Druckansicht ist die Tabelle "
                "zugeklappt)."
            )
            return
        for i, row in enumerate(rows):
            self.v.beratungsfolge.append(self._beratung(i, row))
        self.filled("beratungsfolge")
        self.b.hinweise.append(
            f"Beratungsfolge: {len(rows)} Zeile(n) in der Reihenfolge der Seite übernommen."
        )

    def _beratung(self, i: int, row: list[str]) -> Beratung:
        beratung = Beratung(status=BeratungStatus(row[0]))
        texts: list[str] = []
        for cell in row[1:]:
            if not cell:
                continue
            dates = _DATUM.findall(cell)
            if dates and _DATUM.sub("", cell).strip() == "":
                try:
                    tag, monat, jahr = (int(x) for x in dates[0])
                    beratung.datum = dt.date(jahr, monat, tag)
                except ValueError:
                    self.missing(f"Beratungsfolge, Zeile {i + 1}: Datum „{cell}“ ungültig.")
            else:
                texts.append(cell)
        # Column order on the page: Gremium, then Beschluss (the role, may be empty).
        if texts:
            beratung.gremium = texts[0]
        else:
            self.missing(f"Beratungsfolge, Zeile {i + 1}: Gremium nicht gefunden.")
        if len(texts) >= 2:
            beratung.rolle = texts[1]
        if len(texts) > 2:
            self.b.hinweise.append(
                f"Beratungsfolge, Zeile {i + 1}: übergangen: " + "; ".join(texts[2:])
            )
        if beratung.datum is None and beratung.status is BeratungStatus.ERLEDIGT:
            self.missing(f"Beratungsfolge, Zeile {i + 1}: Sitzungsdatum nicht gefunden.")
        return beratung

    # -- rich text ---------------------------------------------------------------------------

    def beschlussvorschlag(self, section: list[str] | None) -> None:
        if section is None:
            self.b.hinweise.append(
                "Kein Abschnitt „Beschlussvorschlag“ auf der Seite (bei Kenntnisnahmen üblich)."
            )
            return
        text = _markdown(section, inner=r"Beschlussvorschl(ag|äge)\s*:?")
        if text:
            self.v.beschlussvorschlag = text
            self.filled("beschlussvorschlag")
        else:
            self.missing("Beschlussvorschlag: Abschnitt ist leer.")

    def erlaeuterungen(self, section: list[str] | None) -> None:
        if section is None:
            self.missing("Abschnitt „Erläuterungen“ nicht gefunden.")
            return
        text = _markdown(section, inner=r"Erläuterungen\s*:?")
        if text:
            self.v.erlaeuterungen = text
            self.filled("erlaeuterungen")
        else:
            self.missing("Erläuterungen: Abschnitt ist leer.")
        if any(line.count("|") >= 2 for line in section):
            self.b.hinweise.append(
                "Erläuterungen enthalten eine Tabelle; sie wurde als Text übernommen und sollte "
                "im Assistenten geprüft werden."
            )

    # -- Anlagen -----------------------------------------------------------------------------

    def anlagen(self, section: list[str] | None) -> None:
        if section is None:
            self.b.hinweise.append("Kein Abschnitt „Anlagen“ auf der Seite.")
            return
        body = [x for x in section if not _SEPARATOR.fullmatch(x)]
        if body and body[0].strip().startswith("Nr."):
            body = body[1:]
        rows: list[list[str]] = []
        for cell in _cells("\n".join(body) + "|"):
            if re.fullmatch(r"\d{1,3}\.?", cell):
                rows.append([])
            elif rows and cell:
                rows[-1].append(cell)
        for row in rows:
            # Columns: Name | Original (file link) | Status | Größe; the name comes first.
            if row:
                self.v.anlagen.append(Anlage(titel=row[0]))
        if self.v.anlagen:
            self.filled("anlagen")
        else:
            self.missing("Anlagen: Tabelle gefunden, aber keine Anlage gelesen.")

    # -- Finanzen ----------------------------------------------------------------------------

    def finanzen(self, section: list[str] | None) -> None:
        if section is None:
            self.missing("Abschnitt „Finanzielle Auswirkungen“ nicht gefunden.")
            return
        f = self.v.finanzen
        joined = _norm(" ".join(section))
        sentence = "keine finanziellen auswirkungen" in joined and "| ja |" not in joined
        if sentence:
            # Older template: a sentence instead of the JA/NEIN box and the tables.
            f.auswirkungen = False
            self.filled("finanzen.auswirkungen")
        else:
            self._ja_nein(section)
        tables = _finance_tables(section)
        if not tables:
            if sentence:
                self.b.hinweise.append(
                    "Finanzielle Auswirkungen: „Keine finanziellen Auswirkungen“ ohne Tabellen "
                    "(älteres Formular); die Tabellen bleiben bei 0."
                )
            else:
                self.missing("Finanzielle Auswirkungen: keine der beiden Tabellen gefunden.")
            return
        years: set[tuple[str, int]] = set()
        for kind, rows, header in tables:
            years |= _years(header)
            self._finance_table(kind, rows)
        for kind in ("investiv", "konsumtiv"):
            if kind not in {t[0] for t in tables}:
                self.missing(f"Finanzielle Auswirkungen: Tabelle „{kind}“ nicht gefunden.")
        jahre = {y for k, y in years if k == "jahr"}
        ff = {y for k, y in years if k == "ff"}
        if len(jahre) == 1:
            f.haushaltsjahr = next(iter(jahre))
            self.filled("finanzen.haushaltsjahr")
            if ff and ff != {f.haushaltsjahr + 1}:
                self.b.hinweise.append(
                    f"Die Folgejahre beginnen auf der Seite mit {min(ff)}, nicht mit "
                    f"{f.haushaltsjahr + 1}; gedruckt wird „{f.jahr_text(True)}“."
                )
        elif len(jahre) > 1:
            self.missing(
                "Haushaltsjahr: die Tabellen nennen verschiedene Jahre "
                f"({', '.join(str(y) for y in sorted(jahre))})."
            )
        elif ff:
            self.missing(f"Haushaltsjahr: nur die Folgejahre sind genannt ({min(ff)} ff.).")
        else:
            self.b.hinweise.append(
                "Haushaltsjahr: die Seite nennt nur „20xx“; bitte im Assistenten eintragen."
            )

    def _ja_nein(self, section: list[str]) -> None:
        header_at = next(
            (i for i, x in enumerate(section) if re.search(r"\bJA\s*\|\s*NEIN\b", x)), None
        )
        if header_at is None:
            self.missing("Finanzielle Auswirkungen: Kästchen JA/NEIN nicht gefunden.")
            return
        header = _cells(section[header_at])
        data_lines: list[str] = []
        for line in section[header_at + 1 :]:
            if re.fullmatch(r"\|\s*\|{3,}\s*", line.strip()) or re.search(r"[A-Za-z]{3}", line):
                break  # the next table starts (spacer row or a labelled row)
            data_lines.append(line)
        data = _cells("\n".join(data_lines))
        # A leading empty header cell is a spacer column; drop it on both sides.
        if header and header[0] == "":
            header = header[1:]
            data = data[1:]
        labels = [h.upper() for h in header]
        marks = [i for i, c in enumerate(data) if _is_mark(c)]
        if labels != ["JA", "NEIN"] or len(marks) != 1 or not data:
            what = "kein Kreuz" if not marks else "mehrere Kreuze" if len(marks) > 1 else "?"
            self.missing(f"Finanzielle Auswirkungen: JA/NEIN nicht eindeutig ({what}).")
            return
        # Each label may span several cells of the data row (colspan on the page).
        span = max(1, len(data) // len(labels))
        column = min(marks[0] // span, len(labels) - 1)
        self.v.finanzen.auswirkungen = labels[column] == "JA"
        self.filled("finanzen.auswirkungen")

    def _finance_table(self, kind: str, rows: dict[str, list[str]]) -> None:
        target = getattr(self.v.finanzen, kind)
        row_fields = _INVESTIV_ROWS if kind == "investiv" else _KONSUMTIV_ROWS
        for label, name in row_fields.items():
            cells = rows.get(label)
            if cells is None:
                self.missing(f"{field_label(('finanzen', kind, name))}: Zeile nicht gefunden.")
                continue
            values: dict[str, Decimal] = {}
            for column, cell in zip(Spalten.model_fields, cells, strict=False):
                try:
                    values[column] = parse_betrag(cell)
                except EingabeFehler as exc:
                    self.missing(f"{field_label(('finanzen', kind, name, column))}: {exc}")
            if len(cells) < 6:
                self.missing(
                    f"{field_label(('finanzen', kind, name))}: nur {len(cells)} von 6 Beträgen."
                )
            setattr(target, name, Spalten(**values))
            self.filled(f"finanzen.{kind}.{name}")
        deckung = rows.get("deckung")
        if deckung:
            for attr, cell in zip(("deckung_jahr", "deckung_ff"), deckung, strict=False):
                value = _deckung(cell)
                setattr(target, attr, value)
                if value is not Deckung.NICHT_ANGEGEBEN:
                    self.filled(f"finanzen.{kind}.{attr}")
        computed = target.ergebnis()
        shown = rows.get("ergebnis")
        if shown:
            for column, cell in zip(Spalten.model_fields, shown, strict=False):
                try:
                    page_value = parse_betrag(cell.lstrip("-−+").strip())
                except EingabeFehler:
                    continue
                if page_value != abs(computed[column]):
                    self.b.hinweise.append(
                        f"{field_label(('finanzen', kind))}: das Ergebnis auf der Seite "
                        f"({cell}) weicht von der Berechnung ab; das Programm rechnet neu."
                    )
                    break

    # -- Klimarelevanz -----------------------------------------------------------------------

    def klimarelevanz(self, section: list[str] | None) -> None:
        if section is None:
            self.missing(
                "Abschnitt „Klimarelevanz“ nicht gefunden (ältere Vorlagen haben ihn nicht)."
            )
            return
        fragen = self.profile.klimarelevanz.fragen
        bounds = _klima_regions(section, fragen)
        for name, frage in fragen.items():
            region = bounds.get(name)
            label = field_label(("klimarelevanz", name))
            if region is None:
                self.missing(f"{label}: Frage nicht gefunden.")
                continue
            if frage.schwellen or name == "kompensation":
                choices = _row_marks(region, name, fragen)
            else:
                choices = _column_marks(region, frage)
            if isinstance(choices, str):
                self.missing(f"{label}: {choices}")
                continue
            if len(choices) > 1:
                self.missing(f"{label}: mehrere Kreuze ({', '.join(choices)}); nichts übernommen.")
                continue
            if not choices:
                self.b.hinweise.append(f"{label}: kein Kreuz auf der Seite.")
            else:
                field_type = Klimarelevanz.model_fields[name].annotation
                setattr(self.v.klimarelevanz, name, _enum_of(field_type, choices[0]))
                self.filled(f"klimarelevanz.{name}")


# --------------------------------------------------------------------------------------------
# Helpers


def _key_values(section: list[str]) -> dict[str, str]:
    """'- Betreff:' / '-' / 'Text' / '- Status:' / '- öffentlich …' → {label: value}."""
    values: dict[str, list[str]] = {}
    key: str | None = None
    for raw in section:
        line = raw.strip()
        match = re.fullmatch(r"-?\s*([A-ZÄÖÜ][\w ]{1,30}?):\s*(.*)", line)
        if match and match[1] in _GRUNDDATEN_KEYS:
            key = match[1]
            values[key] = [match[2]] if match[2] else []
            continue
        if key is None:
            continue
        value = re.sub(r"^-\s*", "", line)
        if value:
            values[key].append(value)
    return {k: " ".join(" ".join(v).split()) for k, v in values.items()}


_GRUNDDATEN_KEYS = {
    "Betreff",
    "Status",
    "Vorlageart",
    "Federführend",
    "Beteiligt",
    "Verfasst von",
    "Aktenzeichen",
    "Datum",
}


def _markdown(section: list[str], inner: str) -> str:
    """Page lines → canonical CommonMark (forms.markdown). Every line of the page is a
    paragraph; "-", "•" lines are bullet items; runs of "1.", "2.", … lines are a numbered
    list; a lone "1. Ausgangslage" is a numbered sub-heading and stays literal text."""
    lines = [" ".join(x.split()) for x in section]
    lines = [x for x in lines if x]
    if lines and re.fullmatch(inner, lines[0]):
        lines = lines[1:]
    numbered = _numbered_runs(lines)
    out: list[str] = []
    previous = ""
    for i, line in enumerate(lines):
        bullet = re.match(r"^[-•–*·▪]\s+(.*)", line)
        ordered = re.match(r"^(\d{1,3})[.)]\s+(.*)", line) if i in numbered else None
        if bullet:
            kind, text = "ul", f"- {escape(bullet[1])}"
        elif ordered:
            kind, text = "ol", f"{ordered[1]}. {escape(ordered[2])}"
        else:
            kind, text = "p", escape(line)
        # Items of one list follow each other directly; everything else is its own block.
        out.append(("\n" if kind == previous != "p" else "\n\n") + text if out else text)
        previous = kind
    return normalize("".join(out))


def _numbered_runs(lines: list[str]) -> set[int]:
    """Indexes of lines that form numbered lists: two or more consecutive lines 1., 2., …"""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        run = [i]
        match = re.match(r"^(\d{1,3})[.)]\s+\S", lines[i])
        if match:
            number = int(match[1])
            j = i + 1
            while j < len(lines):
                nxt = re.match(r"^(\d{1,3})[.)]\s+\S", lines[j])
                if not nxt or int(nxt[1]) != number + 1:
                    break
                number += 1
                run.append(j)
                j += 1
            if len(run) >= 2:
                found.update(run)
            i = j
        else:
            i += 1
    return found


_INVESTIV_ROWS = {"einzahlungen": "einzahlungen", "auszahlungen": "auszahlungen"}
_KONSUMTIV_ROWS = {
    "ertrag": "ertrag",
    "personal-/ sachaufwand": "personal_sachaufwand",
    "abschreibungen": "abschreibungen",
}


def _finance_tables(section: list[str]) -> list[tuple[str, dict[str, list[str]], list[str]]]:
    """[(kind, {row label: cells}, header cells)] for the investive and konsumtive table."""
    tables: list[tuple[str, dict[str, list[str]], list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in section:
        cells = _cells(line)
        if not cells:
            continue
        first = _norm(cells[0])
        if first in ("investive auswirkungen", "konsumtive auswirkungen"):
            current = {}
            tables.append(("investiv" if first.startswith("inv") else "konsumtiv", current, cells))
        elif current is not None and first:
            label = re.sub(r"\s*/\s*", "/ ", first) if first.startswith("personal") else first
            key = "deckung" if "deckung" in first else label
            current.setdefault(key, cells[1:7] if key != "deckung" else [])
        elif current is not None and any("deckung" in _norm(c) for c in cells):
            current.setdefault("deckung", [c for c in cells if "deckung" in _norm(c)])
    return tables


def _years(header: list[str]) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for cell in header:
        match = re.search(r"Ansatz\s+(\d{4})\s*(ff\.?)?", cell)
        if match:
            found.add(("ff" if match[2] else "jahr", int(match[1])))
    return found


def _deckung(cell: str) -> Deckung:
    text = _norm(cell)
    gegeben = "deckung ist gegeben" in text
    keine = "keine ausreichende deckung" in text
    if gegeben and not keine:
        return Deckung.GEGEBEN
    if keine and not gegeben:
        return Deckung.NICHT_AUSREICHEND
    return Deckung.NICHT_ANGEGEBEN  # the template sentence with both alternatives


def _klima_regions(section: list[str], fragen: dict[str, KlimaFrage]) -> dict[str, list[str]]:
    """Lines belonging to each question: from its question line to the next known text line."""
    questions = {_norm(f.frage): name for name, f in fragen.items()}
    stops = set(questions)
    for f in fragen.values():
        stops.update(_norm(x) for x in (f.block, f.hinweis) if x)
    positions: list[tuple[int, str | None]] = []
    for i, line in enumerate(section):
        key = _norm(line)
        if key in stops:
            positions.append((i, questions.get(key)))
    regions: dict[str, list[str]] = {}
    # The same question text appears twice ("Die Maßnahme hat folgende Relevanz:"): the
    # block heading before it decides which one it is.
    block = ""
    blocks = {_norm(f.block): name for name, f in fragen.items() if f.block}
    for k, (i, _) in enumerate(positions):
        key = _norm(section[i])
        if key in blocks:
            block = blocks[key]
            continue
        name = questions.get(key)
        if name is None:
            continue
        if _norm(fragen[block].frage) == key if block else False:
            name = block
        end = positions[k + 1][0] if k + 1 < len(positions) else len(section)
        regions.setdefault(name, section[i + 1 : end])
    return regions


def _column_marks(region: list[str], frage: KlimaFrage) -> list[str] | str:
    """Header row of option labels, then one row of cells: the column of the "x" decides."""
    lines = [x for x in region if x.strip()]
    if not lines:
        return "keine Tabelle gefunden (Seite abgeschnitten?)"
    header = _cells(lines[0])
    options = {_norm(text): key for key, text in frage.optionen.items()}
    if not any(_norm(h) in options for h in header):
        return "Kopfzeile mit den Antworten nicht gefunden"
    data = _cells("\n".join(lines[1:]))
    chosen: list[str] = []
    for i, cell in enumerate(data):
        if not _is_mark(cell):
            continue
        column = _norm(header[i % len(header)])
        if column not in options:
            return "Kreuz in einer unbeschrifteten Spalte; nichts übernommen"
        chosen.append(options[column])
    return chosen


def _row_marks(region: list[str], name: str, fragen: dict[str, KlimaFrage]) -> list[str] | str:
    """One row per option; a row ends with its label (Kompensation) or threshold text
    (Größenordnung). An "x" anywhere in the row ticks that row's option."""
    ends: list[tuple[str, str]] = []  # (normalised end text, option)
    if name == "kompensation":
        for key, text in fragen[name].optionen.items():
            ends.append((_norm(text), key))
    else:
        # Both Größenordnung questions share the bands; the page words them slightly apart.
        for other in ("einsparung", "erhoehung"):
            for key, text in fragen[other].schwellen.items():
                ends.append((_norm(text), key))
    data = _cells("\n".join(region))
    if not data:
        return "keine Tabelle gefunden (Seite abgeschnitten?)"
    chosen: list[str] = []
    marked = False
    rows_seen = 0
    for cell in data:
        if _is_mark(cell):
            marked = True
            continue
        key = _norm(cell)
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


def _enum_of(annotation: object, value: str) -> object:
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return arg(value)
    raise ValueError(value)  # pragma: no cover - the profile keys are the enum values

