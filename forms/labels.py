"""German names of sections and fields, shared by problems, error messages, wizard and PDF."""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """The wizard's sections in order; the value is the model attribute they edit."""

    GRUNDDATEN = "grunddaten"
    BERATUNGSFOLGE = "beratungsfolge"
    BESCHLUSSVORSCHLAG = "beschlussvorschlag"
    ERLAEUTERUNGEN = "erlaeuterungen"
    ANLAGEN = "anlagen"
    FINANZEN = "finanzen"
    KLIMARELEVANZ = "klimarelevanz"

    @property
    def titel(self) -> str:
        return SECTION_TITLES[self]


SECTION_TITLES: dict[Section, str] = {
    Section.GRUNDDATEN: "Grunddaten",
    Section.BERATUNGSFOLGE: "Beratungsfolge",
    Section.BESCHLUSSVORSCHLAG: "Beschlussvorschlag",
    Section.ERLAEUTERUNGEN: "Erläuterungen",
    Section.ANLAGEN: "Anlagen",
    Section.FINANZEN: "Finanzielle Auswirkungen",
    Section.KLIMARELEVANZ: "Klimarelevanz",
}

# Model attribute → label as the clerk sees it on the page and on the printed sheet.
FIELD_LABELS: dict[str, str] = {
    "grunddaten": "Grunddaten",
    "vorlageart": "Vorlageart",
    "vorlage_nr": "Vorlage-Nr.",
    "betreff": "Betreff",
    "status": "Status",
    "sichtbarkeit": "Status (öffentlich/nichtöffentlich)",
    "workflow": "Status (Bearbeitungsstand)",
    "federfuehrend": "Federführend",
    "beteiligt": "Beteiligt",
    "kuerzel": "Kürzel",
    "name": "Name",
    "verfasst_von": "Verfasst von",
    "datum": "Datum",
    "aktenzeichen": "AZ",
    "unterschrift": "Unterschrift",
    "beratungsfolge": "Beratungsfolge",
    "gremium": "Gremium",
    "rolle": "Zuständigkeit",
    "beschlussvorschlag": "Beschlussvorschlag",
    "erlaeuterungen": "Erläuterungen",
    "anlagen": "Anlagen",
    "titel": "Titel",
    "datei": "Datei",
    "finanzen": "Finanzielle Auswirkungen",
    "auswirkungen": "JA/NEIN",
    "haushaltsjahr": "Haushaltsjahr",
    "investiv": "Investive Auswirkungen",
    "konsumtiv": "Konsumtive Auswirkungen",
    "einzahlungen": "Einzahlungen",
    "auszahlungen": "Auszahlungen",
    "ertrag": "Ertrag",
    "personal_sachaufwand": "Personal-/ Sachaufwand",
    "abschreibungen": "Abschreibungen",
    "ansatz": "Ansatz",
    "ansatz_fortgeschrieben": "Fortgeschriebener Ansatz",
    "ansatz_ff": "Ansatz ff.",
    "ansatz_ff_fortgeschrieben": "Fortgeschriebener Ansatz ff.",
    "alt": "(alt)",
    "neu": "(neu)",
    "deckung_jahr": "Deckung (Haushaltsjahr)",
    "deckung_ff": "Deckung (Folgejahre)",
    "klimarelevanz": "Klimarelevanz",
    "klimaschutz": "Relevanz für den Klimaschutz",
    "co2_effekt": "Effekt auf die CO2-Emissionen",
    "anpassung": "Relevanz für die Klimafolgenanpassung",
    "einsparung": "CO2-Einsparung",
    "erhoehung": "Erhöhung der CO2-Emissionen",
    "kompensation": "Kompensation",
    "weitere_auswirkungen": "Weitere Auswirkungen",
    "ja": "JA/NEIN",
    "text": "Text",
    "profil": "Profil",
    "schema_version": "Schema-Version",
    "vorlage": "Vorlage",
}

# Row labels of the section lists, used in messages ("Beratungsfolge, Zeile 2").
ROW_LISTS = {"beratungsfolge": "Zeile", "beteiligt": "Eintrag", "anlagen": "Anlage"}


def field_label(path: tuple[str | int, ...] | str) -> str:
    """('beratungsfolge', 1, 'datum') → 'Beratungsfolge, Zeile 2 › Datum'."""
    parts = path.split(".") if isinstance(path, str) else list(path)
    words: list[str] = []
    previous: str | int | None = None
    for part in parts:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            noun = ROW_LISTS.get(str(previous), "Eintrag")
            words[-1] = (
                f"{words[-1]}, {noun} {int(part) + 1}" if words else f"{noun} {int(part) + 1}"
            )
        else:
            words.append(FIELD_LABELS.get(part, part))
        previous = part
    return " › ".join(words)
