"""The Vorlage as data (pydantic v2).

The model is a *lenient draft*: it checks types and shapes, so half-finished work always
saves; `forms.rules.problems()` is the strict check that decides whether a Vorlage is ready.
Derived values (Ergebnis, Verbesserung/Verschlechterung) are computed, never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# Amounts are typed as positive numbers (docs/domain.md §6); the sign is a result of the formulas.
# The upper bound keeps a slipped key (10^15) from printing as a plausible figure.
MAX_BETRAG = Decimal("999999999999.99")
# In the file an amount is a string of ASCII digits with an optional "." and decimals (what
# `save` writes); a JSON number is read too. Python's Decimal would also take "1e3", " 5 ",
# "٢٠٢٥" (Arabic-Indic digits) or "Infinity": refused, a file says exactly what it means.
_BETRAG_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _plain_betrag(value: object) -> object:
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "an amount is not true/false")
    if isinstance(value, str) and not _BETRAG_TEXT.fullmatch(value):
        raise PydanticCustomError("decimal_parsing", "an amount is ASCII digits")
    return value


Betrag = Annotated[
    Decimal,
    Field(ge=0, le=MAX_BETRAG, decimal_places=2),
    BeforeValidator(_plain_betrag),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]+(\.[0-9]{1,2})?$"}),
]

# A single-line or multi-line text a clerk types. Large texts are allowed (Erläuterungen
# can be dozens of pages); the limit only stops pathological files.
MAX_TEXT = 2_000_000
Text = Annotated[str, Field(max_length=MAX_TEXT)]


def _no_timestamp(value: object) -> object:
    # pydantic reads a bare number as a Unix timestamp (86400 → 1970-01-02); in a project file
    # that is a damaged value, not a date, and must be refused rather than silently accepted.
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "a date must be text, not a number")
    return value


Datum = Annotated[dt.date, BeforeValidator(_no_timestamp)]


class _Model(BaseModel):
    # Unknown keys are refused rather than dropped: dropping them would lose data on the
    # next save. validate_assignment keeps the wizard's edits as checked as a loaded file.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Sichtbarkeit(StrEnum):
    OEFFENTLICH = "öffentlich"
    NICHTOEFFENTLICH = "nichtöffentlich"


class Status(_Model):
    """Visibility chosen by the author plus the workflow text the RIS adds in brackets."""

    sichtbarkeit: Sichtbarkeit = Sichtbarkeit.OEFFENTLICH
    workflow: Text = ""

    def anzeige(self) -> str:
        """As the RIS prints it, e.g. 'öffentlich (Vorlage abgeschlossen)'."""
        if self.workflow.strip():
            return f"{self.sichtbarkeit.value} ({self.workflow.strip()})"
        return self.sichtbarkeit.value


class Dienststelle(_Model):
    """An organisational unit: 'Amt 61 - Stadtplanungsamt' (Kürzel - Name)."""

    kuerzel: Text = ""
    name: Text = ""

    def anzeige(self) -> str:
        if self.kuerzel and self.name:
            return f"{self.kuerzel} - {self.name}"
        return self.kuerzel or self.name

    @classmethod
    def from_text(cls, text: str) -> Dienststelle:
        """Parse 'Amt 61 - Stadtplanungsamt' (free entry in the wizard, import from RIS)."""
        kuerzel, sep, name = text.strip().partition(" - ")
        if sep:
            return cls(kuerzel=kuerzel.strip(), name=name.strip())
        return cls(kuerzel="", name=text.strip())


class Grunddaten(_Model):
    vorlageart: Text = "Kenntnisnahme"
    vorlage_nr: Text = ""
    betreff: Text = ""
    status: Status = Field(default_factory=Status)
    federfuehrend: Dienststelle = Field(default_factory=Dienststelle)
    beteiligt: list[Dienststelle] = Field(default_factory=list)
    verfasst_von: Text = ""
    datum: Datum | None = None
    aktenzeichen: Text = ""
    # Signature block of the cover sheet, e.g. "Max Mustermann\nBürgermeister".
    unterschrift: Text = ""


class BeratungStatus(StrEnum):
    """The two statuses the program knows (docs/domain.md §3); a row may carry another one."""

    GEPLANT = "Geplant"
    ERLEDIGT = "Erledigt"


def _beratung_status(value: object) -> object:
    # The status is the council system's text, kept verbatim ("abgesetzt", "vertagt", …; as
    # typed, so a space in the middle of typing stays); only the two known ones are brought to
    # their spelling, so "erledigt " is "Erledigt".
    if isinstance(value, str):
        for known in BeratungStatus:
            if value.strip().casefold() == known.value.casefold():
                return known.value
    return value


# A str, not the enum: a status other than Geplant/Erledigt is a fact of the page, not an error,
# and an enum with a second "other" field would carry the same fact twice.
BeratungStatusText = Annotated[
    Text,
    BeforeValidator(_beratung_status),
    Field(examples=[s.value for s in BeratungStatus]),
]


class Beratung(_Model):
    """One row of the Beratungsfolge. `rolle` is the RIS column 'Beschluss' (the competence);
    `status` is Geplant, Erledigt or the status text the page shows (docs/domain.md §3)."""

    status: BeratungStatusText = BeratungStatus.GEPLANT.value
    datum: Datum | None = None
    gremium: Text = ""
    rolle: Text = ""


class Anlage(_Model):
    titel: Text = ""
    # Only listed, never opened by the program unless the user asks for it.
    datei: Text | None = None


class Deckung(StrEnum):
    NICHT_ANGEGEBEN = "nicht angegeben"
    GEGEBEN = "gegeben"
    NICHT_AUSREICHEND = "nicht ausreichend"


class Spalten(_Model):
    """One table row: the six amount columns of the finance tables (docs/domain.md §6)."""

    ansatz: Betrag = Decimal(0)
    ansatz_fortgeschrieben: Betrag = Decimal(0)
    ansatz_ff: Betrag = Decimal(0)
    ansatz_ff_fortgeschrieben: Betrag = Decimal(0)
    alt: Betrag = Decimal(0)
    neu: Betrag = Decimal(0)


SPALTEN = tuple(Spalten.model_fields)


def _minus(a: Spalten, *others: Spalten) -> dict[str, Decimal]:
    return {c: getattr(a, c) - sum((getattr(o, c) for o in others), Decimal(0)) for c in SPALTEN}


class Veraenderung(_Model):
    """'+ Verbesserung / - Verschlechterung' per column pair (Haushaltsjahr, Folgejahre)."""

    jahr: Decimal
    ff: Decimal


def _veraenderung(ergebnis: dict[str, Decimal]) -> Veraenderung:
    return Veraenderung(
        jahr=ergebnis["ansatz_fortgeschrieben"] - ergebnis["ansatz"],
        ff=ergebnis["ansatz_ff_fortgeschrieben"] - ergebnis["ansatz_ff"],
    )


class Investiv(_Model):
    einzahlungen: Spalten = Field(default_factory=Spalten)
    auszahlungen: Spalten = Field(default_factory=Spalten)
    deckung_jahr: Deckung = Deckung.NICHT_ANGEGEBEN
    deckung_ff: Deckung = Deckung.NICHT_ANGEGEBEN

    def ergebnis(self) -> dict[str, Decimal]:
        """Einzahlungen − Auszahlungen per column (NKF balance convention, docs/domain.md §6)."""
        return _minus(self.einzahlungen, self.auszahlungen)

    def veraenderung(self) -> Veraenderung:
        return _veraenderung(self.ergebnis())


class Konsumtiv(_Model):
    ertrag: Spalten = Field(default_factory=Spalten)
    personal_sachaufwand: Spalten = Field(default_factory=Spalten)
    abschreibungen: Spalten = Field(default_factory=Spalten)
    deckung_jahr: Deckung = Deckung.NICHT_ANGEGEBEN
    deckung_ff: Deckung = Deckung.NICHT_ANGEGEBEN

    def ergebnis(self) -> dict[str, Decimal]:
        """Ertrag − Personal-/Sachaufwand − Abschreibungen per column."""
        return _minus(self.ertrag, self.personal_sachaufwand, self.abschreibungen)

    def veraenderung(self) -> Veraenderung:
        return _veraenderung(self.ergebnis())


class Finanzen(_Model):
    # JA/NEIN box; None while the author has not decided.
    # Strict: only true/false (pydantic would read "no", 0, "off" as False).
    auswirkungen: StrictBool | None = None
    # Replaces "20xx" in the column headings; None prints the template's "20xx".
    # Strict: a JSON integer (pydantic would read "2025" and "٢٠٢٥" as 2025).
    haushaltsjahr: Annotated[StrictInt, Field(ge=1990, le=2200)] | None = None
    investiv: Investiv = Field(default_factory=Investiv)
    konsumtiv: Konsumtiv = Field(default_factory=Konsumtiv)

    def jahr_text(self, folgejahre: bool = False) -> str:
        if self.haushaltsjahr is None:
            return "20xx ff." if folgejahre else "20xx"
        if folgejahre:
            return f"{self.haushaltsjahr + 1} ff."
        return str(self.haushaltsjahr)


class KlimaschutzRelevanz(StrEnum):
    POSITIV = "positiv"
    NEGATIV = "negativ"
    NICHT_EINDEUTIG = "nicht eindeutig"


class CO2Effekt(StrEnum):
    GERING = "gering"
    MITTEL = "mittel"
    GROSS = "groß"
    NICHT_ERMITTELBAR = "nicht ermittelbar"


class AnpassungRelevanz(StrEnum):
    KEINE = "keine"
    POSITIV = "positiv"
    NEGATIV = "negativ"
    NICHT_EINDEUTIG = "nicht eindeutig"


class Groessenordnung(StrEnum):
    GERING = "gering"
    MITTEL = "mittel"
    GROSS = "groß"


class Kompensation(StrEnum):
    VOLLSTAENDIG = "vollständig"
    UEBERWIEGEND = "überwiegend"
    TEILWEISE = "teilweise"
    NICHT = "nicht"
    NICHT_BEKANNT = "nicht bekannt"


class Klimarelevanz(_Model):
    """The checkbox grid of docs/domain.md §7; None = nothing ticked."""

    klimaschutz: KlimaschutzRelevanz | None = None  # K1
    co2_effekt: CO2Effekt | None = None  # K2
    anpassung: AnpassungRelevanz | None = None  # A1
    einsparung: Groessenordnung | None = None  # G+ (positive measures)
    erhoehung: Groessenordnung | None = None  # G− (negative measures)
    kompensation: Kompensation | None = None  # KO


class Auswirkung(_Model):
    """A further Auswirkungen block a council added (the profile names and words it,
    forms.profile.AuswirkungBlock): the JA/NEIN box, None while undecided, and a text."""

    ja: StrictBool | None = None
    text: Text = ""


# The id of a profile or of a profile's Auswirkungen block, as the project file records it.
Kennung = Annotated[str, Field(max_length=40)]


class Vorlage(_Model):
    # The id of the municipal profile the Vorlage belongs to (forms.profiles); "" = not
    # recorded (schema version 1): shown with the profile in use, recorded when saved.
    profil: Kennung = ""
    grunddaten: Grunddaten = Field(default_factory=Grunddaten)
    # Kept in the order entered: real Beratungsfolgen are not always chronological.
    beratungsfolge: list[Beratung] = Field(default_factory=list)
    # Rich text is stored as CommonMark Markdown (see docs/rich-text.md), never as HTML.
    beschlussvorschlag: Text = ""
    erlaeuterungen: Text = ""
    anlagen: list[Anlage] = Field(default_factory=list)
    finanzen: Finanzen = Field(default_factory=Finanzen)
    klimarelevanz: Klimarelevanz = Field(default_factory=Klimarelevanz)
    # The profile's further Auswirkungen blocks by their id. A block the profile does not
    # (or no longer) know is kept, shown and printed all the same.
    weitere_auswirkungen: dict[Kennung, Auswirkung] = Field(default_factory=dict)
