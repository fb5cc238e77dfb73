"""Import a Vorlage from the text of its page in the council information system (ALLRIS).

Input is what a browser copies from a `vo020` page (`/bi/…` or `/public/…`, normal or print
view): section headings on their own lines, Grunddaten as "- Label:" / "- value" lines, and HTML
tables broken over many lines where every cell ends with "|". The result is a normal draft
plus an `ImportBericht` that lists every field filled and every part that could not be read.
The page's tables (Beratungsfolge, Finanzen, Klimarelevanz) are read in `pagetables`.

Never invent a value: what is not on the page stays empty and shows up in
`forms.rules.problems()` like in any other draft.
"""

from __future__ import annotations

import re
from enum import Enum

from forms.imports.grids import cells, is_separator
from forms.imports.pagetables import read_beratungsfolge, read_finanzen, read_klimarelevanz
from forms.imports.report import ImportErgebnis, Sammler, VorlageImportError
from forms.imports.textblocks import markdown
from forms.imports.values import is_placeholder, parse_status
from forms.labels import field_label
from forms.model import Anlage, Dienststelle, Status
from forms.profile import Profile, load_profile

QUELLE = "Seitentext"


class _Abschnitt(Enum):
    GRUNDDATEN = "Grunddaten"
    BERATUNGSFOLGE = "Beratungsfolge"
    BESCHLUSSVORSCHLAG = "Beschlussvorschlag"
    ERLAEUTERUNGEN = "Erläuterungen"
    ANLAGEN = "Anlagen"
    AUSWIRKUNGEN = "Auswirkungen"
    KLIMARELEVANZ = "Klimarelevanz"


_ORDER = list(_Abschnitt)
_ART = re.compile(r"[A-Za-zÄÖÜäöüß][^|]*")
VORLAGE_NR = re.compile(r"[A-Z]{1,2} ?\d{1,2}/\d{3,5}/WP ?\d{1,2}(?:-\d+)?")
_ENDS_SENTENCE = re.compile(r"[.!?:;)“\"»]$")
# A title line is short; longer lines are not even looked at (keeps hostile lines cheap).
_MAX_TITLE = 500
# Lines a browser copies from the page's chrome; they carry no content.
NOISE = {"Reduzieren", "Erweitern", "Drucken", "Seite drucken", "Zurück"}


def looks_like(text: str) -> bool:
    """Whether `text` has the shape of a copied council page (title line or a section)."""
    lines = _lines(text)
    return _title(lines) is not None or bool(_split_sections(lines))


def _lines(text: str) -> list[str]:
    return [
        line.replace("\u00a0", " ").rstrip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if line.strip() not in NOISE
    ]


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
    """The page's sections come in a fixed order: after a heading, only a later section's
    heading can start a new section. A line "Grunddaten" inside Erläuterungen is text, not a
    heading that would swallow (and hide) the Erläuterungen heading before it."""
    starts: list[tuple[int, _Abschnitt]] = []
    nxt = 0  # index into _ORDER of the first section still allowed
    for i in range(len(lines)):
        for k in range(nxt, len(_ORDER)):
            if _is_heading(lines, i, _ORDER[k]):
                starts.append((i, _ORDER[k]))
                nxt = k + 1
                break
    sections: dict[_Abschnitt, list[str]] = {}
    for k, (i, abschnitt) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        sections[abschnitt] = lines[i + 1 : end]
    return sections


def split_title(line: str) -> tuple[str, str] | None:
    """'Beschlussvorlage - V-2026/0042' → ('Beschlussvorlage', 'V-2026/0042').

    Split at the last " - " of the whitespace-collapsed line (no backtracking regex: a line
    of a million spaces costs one pass)."""
    if len(line) > _MAX_TITLE:
        return None
    art, sep, nr = " ".join(line.split()).rpartition(" - ")
    if not sep or not _ART.fullmatch(art) or not VORLAGE_NR.fullmatch(nr):
        return None
    return art, nr


def _title(lines: list[str]) -> tuple[str, str] | None:
    # Navigation text may precede the title when the whole browser page was copied.
    for line in lines[:40]:
        found = split_title(line)
        # "Vorlage - …" is the breadcrumb of the /public/ layout, not the Vorlageart.
        if found and found[0] != "Vorlage":
            return found
    return None


def parse(text: str, profile: Profile | None = None, source: str = "Der Text") -> ImportErgebnis:
    """Build a draft Vorlage from page text. Raises VorlageImportError when nothing fits."""
    profile = profile or load_profile()
    lines = _lines(text)
    sections = _split_sections(lines)
    title = _title(lines)
    if title is None and not sections:
        raise VorlageImportError(
            f"{source} sieht nicht wie eine Vorlage aus dem Ratsinformationssystem aus: "
            "weder eine Titelzeile „Vorlageart - Vorlage-Nr.“ noch Abschnitte wie "
            "„Grunddaten“ oder „Erläuterungen“ gefunden."
        )
    imp = _Importer(profile)
    imp.title(title)
    imp.grunddaten(sections.get(_Abschnitt.GRUNDDATEN))
    read_beratungsfolge(imp, sections.get(_Abschnitt.BERATUNGSFOLGE))
    imp.beschlussvorschlag(sections.get(_Abschnitt.BESCHLUSSVORSCHLAG))
    imp.erlaeuterungen(sections.get(_Abschnitt.ERLAEUTERUNGEN))
    imp.anlagen(sections.get(_Abschnitt.ANLAGEN))
    read_finanzen(imp, sections.get(_Abschnitt.AUSWIRKUNGEN))
    read_klimarelevanz(imp, profile.klimarelevanz.fragen, sections.get(_Abschnitt.KLIMARELEVANZ))
    imp.defaults()
    imp.truncation(sections)
    return imp.result(QUELLE)


# --------------------------------------------------------------------------------------------


class _Importer(Sammler):
    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.v.profil = profile.id  # read with this profile's catalogues: it belongs to it

    # -- title and Grunddaten ----------------------------------------------------------------

    def title(self, found: tuple[str, str] | None) -> None:
        if found is None:
            self.missing("Titelzeile „Vorlageart - Vorlage-Nr.“ nicht gefunden.")
            return
        g = self.v.grunddaten
        self.set(g, "vorlageart", found[0], "grunddaten.vorlageart")
        self.set(g, "vorlage_nr", found[1], "grunddaten.vorlage_nr")

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
            self.set(g, "betreff", betreff, "grunddaten.betreff")
        else:
            self.missing("Betreff nicht gefunden.")
        if status := values.pop("Status", ""):
            self._status(status)
        else:
            self.missing("Status nicht gefunden.")
        if art := values.pop("Vorlageart", ""):
            if g.vorlage_nr and art != g.vorlageart:
                self.hint(
                    f"Titelzeile nennt die Vorlageart „{g.vorlageart}“, die Grunddaten "
                    f"„{art}“; übernommen wurde „{art}“."
                )
            self.set(g, "vorlageart", art, "grunddaten.vorlageart")
        if feder := values.pop("Federführend", ""):
            self.set(g, "federfuehrend", Dienststelle.from_text(feder), "grunddaten.federfuehrend")
        else:
            self.missing("Federführend nicht gefunden.")
        if beteiligt := values.pop("Beteiligt", ""):
            units = [Dienststelle.from_text(x) for x in beteiligt.split("; ") if x.strip()]
            self.set(g, "beteiligt", units, "grunddaten.beteiligt")
        if verfasst := values.pop("Verfasst von", ""):
            self.set(g, "verfasst_von", verfasst, "grunddaten.verfasst_von")
        else:
            self.missing("„Verfasst von“ nicht gefunden.")
        for key in values:
            self.hint(f"Grunddaten-Feld „{key}“ ist unbekannt und wurde übergangen.")

    def defaults(self) -> None:
        """A value the page did not give must not pass for read data: the Vorlageart is
        cleared (the model's default is "Kenntnisnahme"), the Status is named as default."""
        if "grunddaten.vorlageart" not in self.b.gefuellt:
            self.v.grunddaten.vorlageart = ""
            self.missing("Vorlageart nicht gefunden; das Feld bleibt leer.")
        if "grunddaten.status" not in self.b.gefuellt:
            self.hint("Status: nicht gelesen; „öffentlich“ ist nur die Vorgabe, bitte prüfen.")

    def _status(self, text: str) -> None:
        parsed = parse_status(text)
        if parsed is None:
            self.missing(f"Status „{text}“ nicht verstanden.")
            return
        status = self.make(Status, "grunddaten.status", sichtbarkeit=parsed[0], workflow=parsed[1])
        if status is not None:
            self.set(self.v.grunddaten, "status", status, "grunddaten.status")

    # -- rich text ---------------------------------------------------------------------------

    def beschlussvorschlag(self, section: list[str] | None) -> None:
        if section is None:
            self.hint(
                "Kein Abschnitt „Beschlussvorschlag“ auf der Seite (bei Kenntnisnahmen üblich)."
            )
            return
        self._rich("beschlussvorschlag", section, inner=r"Beschlussvorschl(ag|äge)\s*:?")

    def erlaeuterungen(self, section: list[str] | None) -> None:
        if section is None:
            self.missing("Abschnitt „Erläuterungen“ nicht gefunden.")
            return
        self._rich("erlaeuterungen", section, inner=r"Erläuterungen\s*:?")
        if any(line.count("|") >= 2 for line in section):
            self.hint(
                "Erläuterungen enthalten eine Tabelle; sie wurde als Text übernommen und sollte "
                "im Assistenten geprüft werden."
            )

    def _rich(self, attr: str, section: list[str], inner: str) -> None:
        """A text section as Markdown; `inner` is its heading repeated as the first line."""
        text = markdown(section, inner=inner)
        self.set_text(
            self.v, attr, text, attr, empty=f"{field_label((attr,))}: Abschnitt ist leer."
        )

    # -- Anlagen -----------------------------------------------------------------------------

    def anlagen(self, section: list[str] | None) -> None:
        if section is None:
            self.hint("Kein Abschnitt „Anlagen“ auf der Seite.")
            return
        body = [x for x in section if not is_separator(x)]
        if body and body[0].strip().startswith("Nr."):
            body = body[1:]
        rows: list[list[str]] = []
        for cell in cells("\n".join(body) + "|"):
            if re.fullmatch(r"\d{1,3}\.?", cell):
                rows.append([])
            elif rows and cell:
                rows[-1].append(cell)
        # Columns: Name | Original (file link) | Status | Größe; the name comes first.
        placeholders = [row[0] for row in rows if row and is_placeholder(row[0])]
        for text in placeholders:
            self.hint(f"Anlagen: „{text}“ ist ein Platzhalter, keine Anlage; nicht übernommen.")
        anlagen = [
            a
            for i, row in enumerate(rows)
            if row
            and not is_placeholder(row[0])
            and (a := self.make(Anlage, f"anlagen.{i}", titel=row[0])) is not None
        ]
        if anlagen:
            self.set(self.v, "anlagen", anlagen, "anlagen")
        elif not placeholders:
            self.missing("Anlagen: Tabelle gefunden, aber keine Anlage gelesen.")

    # -- a page copied only in part ------------------------------------------------------------

    def truncation(self, sections: dict[_Abschnitt, list[str]]) -> None:
        """Say "incomplete" only when the text really ends early: mid-sentence in a text
        section, or sections missing after the last one read. A page without Klimarelevanz
        whose finance part is complete is an older Vorlage, not a cut-off one."""
        if not sections:
            return
        last = max(sections, key=_ORDER.index)
        tail = next((x.strip() for x in reversed(sections[last]) if x.strip()), "")
        text_part = last in (_Abschnitt.ERLAEUTERUNGEN, _Abschnitt.BESCHLUSSVORSCHLAG)
        mid_sentence = text_part and bool(tail) and not _ENDS_SENTENCE.search(tail)
        older = last is _Abschnitt.AUSWIRKUNGEN
        missing_after = last is not _Abschnitt.KLIMARELEVANZ and not older
        if mid_sentence:
            # Marked in the report, not in the text: an inserted "[…]" would be invented.
            words = " ".join(tail.split()[-6:])
            self.missing(
                f"{last.value}: der letzte Absatz ist abgeschnitten („…{words}“); bitte "
                "im Assistenten vervollständigen."
            )
        if mid_sentence or missing_after:
            where = " mitten im Satz" if mid_sentence else ""
            self.hint(
                f"Der Text endet mit dem Abschnitt „{last.value}“{where}; die Seite ist "
                "vielleicht nicht vollständig kopiert. Fehlende Teile bitte im Assistenten "
                "ergänzen."
            )


# --------------------------------------------------------------------------------------------
# Helpers


_KEY_LINE = re.compile(r"-?\s*([A-ZÄÖÜ][\w ]{1,30}?):\s*(.*)")
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


def _key_values(section: list[str]) -> dict[str, str]:
    """'- Betreff:' / '-' / 'Text' / '- Status:' / '- öffentlich …' → {label: value}."""
    values: dict[str, list[str]] = {}
    key: str | None = None
    for raw in section:
        line = raw.strip()
        match = _KEY_LINE.fullmatch(line)
        # Only the first "Betreff:" is the label; a Betreff that itself begins with
        # "Betreff:" (or a later "Status: …" inside a value) stays text.
        if match and match[1] in _GRUNDDATEN_KEYS and match[1] not in values:
            key = match[1]
            values[key] = [match[2]] if match[2] else []
            continue
        if key is None:
            continue
        value = re.sub(r"^-\s*", "", line)
        if value:
            values[key].append(value)
    return {k: " ".join(" ".join(v).split()) for k, v in values.items()}
