"""The municipal profile: catalogues and texts of one city, as data (docs/profile.md).

Another city needs another JSON file, not other code. This module is the profile's shape;
`forms.profiles` finds the installed ones (resources/profiles/, the organisation's and the
user's folder) and turns a broken file into a German message naming the field.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from forms.model import Dienststelle, Grunddaten, Klimarelevanz, Vorlage

# The id names the file (<id>.json) and the OParl extension prefix ("<id>:").
PROFILE_ID = r"^[a-z][a-z0-9_-]{0,39}$"
Zeile = Annotated[str, Field(min_length=1, max_length=500)]


def _profil_error(message: str) -> PydanticCustomError:
    # The German text is the message itself (forms.profiles shows it after the field's name).
    return PydanticCustomError("profil", message)


_REGEX_REASONS = {
    "missing )": "„)“ fehlt",
    "unbalanced parenthesis": "„)“ ohne „(“",
    "unterminated character set": "„]“ fehlt",
    "nothing to repeat": "Wiederholung ohne Zeichen davor",
    "multiple repeat": "doppelte Wiederholung",
    "bad escape": "unbekanntes Zeichen nach „\\“",
    "unknown extension": "unbekannte Gruppe „(?“",
}


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        reason = next((v for k, v in _REGEX_REASONS.items() if exc.msg.startswith(k)), "")
        at = f"an Stelle {exc.pos + 1}" if exc.pos is not None else ""
        detail = ", ".join(x for x in (reason, at) if x) or "Syntaxfehler"
        raise _profil_error(f"ist kein gültiger regulärer Ausdruck ({detail})") from None
    return value


def _placeholders(value: str, allowed: set[str]) -> str:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError:
        raise _profil_error("hat eine nicht geschlossene geschweifte Klammer { }") from None
    unknown = sorted(names - allowed)
    if unknown:
        known = ", ".join("{" + n + "}" for n in sorted(allowed))
        raise _profil_error(f"kennt den Platzhalter {{{unknown[0]}}} nicht (erlaubt: {known})")
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VorlageNrFormat(_Frozen):
    muster: str
    beispiel: Zeile
    erklaerung: Zeile
    # Where the number names the Wahlperiode (first group), e.g. "/(WP\\d{1,2})(-\\d+)?$";
    # "" when it does not. Exported to OParl as "<id>:wahlperiode".
    wahlperiode: str = ""

    _muster = field_validator("muster", "wahlperiode")(_regex)

    @model_validator(mode="after")
    def _example_fits(self) -> VorlageNrFormat:
        if not self.passt(self.beispiel):
            raise _profil_error(
                f"das Beispiel „{self.beispiel}“ passt nicht zum Muster „{self.muster}“"
            )
        return self

    def passt(self, nummer: str) -> bool:
        return re.fullmatch(self.muster, nummer) is not None

    def wahlperiode_von(self, nummer: str) -> str | None:
        if not self.wahlperiode:
            return None
        found = re.search(self.wahlperiode, nummer.strip())
        return found[1] if found and found.groups() else None


class Vorlageart(_Frozen):
    name: str
    beschlussvorschlag: str = Field(pattern="^(optional|erforderlich)$")


class Rolle(_Frozen):
    name: str
    verben: tuple[str, ...]
    vorlage: str

    @field_validator("vorlage")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        return _placeholders(value, {"artikel", "gremium"})


class DienststelleEintrag(_Frozen):
    kuerzel: str
    name: str

    def anzeige(self) -> str:
        return f"{self.kuerzel} - {self.name}"


class Gremium(_Frozen):
    name: str
    kurz: str = ""
    artikel: str = "Der"


class KlimaFrage(_Frozen):
    block: str = ""
    hinweis: str = ""
    frage: str
    optionen: dict[str, str]
    schwellen: dict[str, str] = Field(default_factory=dict)


class KlimaTexte(_Frozen):
    ueberschrift: str
    fragen: dict[str, KlimaFrage]

    @field_validator("fragen")
    @classmethod
    def _every_question(cls, fragen: dict[str, KlimaFrage]) -> dict[str, KlimaFrage]:
        # The questions and their answers are the model's (forms.model.Klimarelevanz): a
        # profile words them, it cannot add or drop one.
        expected = list(Klimarelevanz.model_fields)
        missing = [k for k in expected if k not in fragen]
        extra = [k for k in fragen if k not in expected]
        if missing or extra:
            what = f"es fehlt „{missing[0]}“" if missing else f"„{extra[0]}“ gibt es nicht"
            raise _profil_error(f"braucht genau die Fragen {', '.join(expected)}; {what}")
        for key, frage in fragen.items():
            # `Enum | None`: the answers are the Enum's values.
            members: tuple[Any, ...] = getattr(
                Klimarelevanz.model_fields[key].annotation, "__args__", ()
            )
            values = [e.value for e in members[0]]
            if list(frage.optionen) != values:
                raise _profil_error(
                    f"„{key}“ braucht die Antworten {', '.join(values)} in dieser Reihenfolge"
                )
        return fragen


class Hinweise(_Frozen):
    """The examples the wizard's empty fields show (placeholder texts)."""

    dienststelle: Zeile  # a Kürzel of the catalogue, e.g. "Amt 61"
    verfasst_von: Zeile  # an organisational unit or a person, e.g. "Amt 61/2"
    unterschrift: Zeile  # the signature block, lines separated by "\n"


class OParl(_Frozen):
    """The city's OParl system and the description of the export's extension properties."""

    # Base of every id in the export (ends with "/"); the CLI's --basis-url overrides it.
    basis_url: str = Field(pattern=r"^https?://[^/\s]+/(\S*/)?$")
    # The OParl System and Body the Paper belongs to; "" = <basis_url>body (no System).
    system: str = Field(default="", pattern=r"^(https?://\S+)?$")
    body: str = Field(default="", pattern=r"^(https?://\S+)?$")
    # The JSON Schema of the "<id>:" properties (the extension's namespace).
    erweiterung: str = Field(pattern=r"^https?://\S+$")


class AuswirkungBlock(_Frozen):
    """A further "Auswirkungen" block a council added (JA/NEIN with a text), e.g. personelle
    Auswirkungen. Stored in the project file under `auswirkungen.<id>`."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    titel: Zeile
    frage: Zeile
    # What the text should say when the answer is JA (shown above the text field).
    hinweis: str = ""


class Profile(_Frozen):
    profile_version: int = Field(ge=1, le=1)
    id: str = Field(pattern=PROFILE_ID)
    stadt: Zeile
    verwaltungsspitze: Zeile
    fusszeile: Zeile
    vorlage_nr: VorlageNrFormat
    vorlagearten: tuple[Vorlageart, ...] = Field(min_length=1)
    # The Vorlageart of a new Vorlage (wizard "Neu", `vorlage new`); one of vorlagearten.
    vorgabe_vorlageart: Zeile
    status_workflow: tuple[str, ...]
    rollen: tuple[Rolle, ...] = Field(min_length=1)
    # May be empty: the wizard then takes every entry as typed.
    dienststellen: tuple[DienststelleEintrag, ...]
    gremien: tuple[Gremium, ...]
    klimarelevanz: KlimaTexte
    hinweise: Hinweise
    oparl: OParl
    auswirkungen: tuple[AuswirkungBlock, ...] = ()
    # The example project (resources/examples/ or next to the profile); "" = none.
    beispiel: str = ""

    @field_validator("fusszeile")
    @classmethod
    def _footer_placeholders(cls, value: str) -> str:
        return _placeholders(value, {"nr", "stadt"})

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.vorlageart(self.vorgabe_vorlageart) is None:
            names = ", ".join(f"„{v.name}“" for v in self.vorlagearten)
            raise _profil_error(
                f"vorgabe_vorlageart „{self.vorgabe_vorlageart}“ ist keine der vorlagearten "
                f"({names})"
            )
        ids = [b.id for b in self.auswirkungen]
        twice = next((i for i in ids if ids.count(i) > 1), None)
        if twice:
            raise _profil_error(f"auswirkungen: die id „{twice}“ steht zweimal")
        return self

    @property
    def name(self) -> str:
        """How the profile is named to the clerk: the city's name."""
        return self.stadt

    def auswirkung(self, block_id: str) -> AuswirkungBlock | None:
        return next((b for b in self.auswirkungen if b.id == block_id), None)

    def vorlageart(self, name: str) -> Vorlageart | None:
        return next((v for v in self.vorlagearten if v.name == name), None)

    def rolle(self, name: str) -> Rolle | None:
        return next((r for r in self.rollen if r.name == name), None)

    def gremium(self, name: str) -> Gremium | None:
        return next((g for g in self.gremien if g.name == name), None)

    def dienststelle(self, kuerzel: str) -> DienststelleEintrag | None:
        return next((d for d in self.dienststellen if d.kuerzel == kuerzel), None)

    def katalog_eintrag(self, text: str) -> DienststelleEintrag | None:
        """The catalogue entry a text names: by its display text ("Amt 61 - Stadtplanungsamt")
        or its short code ("Amt 61"); None when the text names none (docs/domain.md §2)."""
        text = text.strip()
        return next((d for d in self.dienststellen if text in (d.anzeige(), d.kuerzel)), None)

    def dienststelle_from_text(self, text: str) -> Dienststelle:
        """The one rule for a Dienststelle typed or given as text (wizard, CLI, import): a
        catalogue entry in the catalogue's spelling, anything else as typed (split at " - "
        into Kürzel and name where it has one)."""
        entry = self.katalog_eintrag(text)
        if entry is not None:
            return Dienststelle(kuerzel=entry.kuerzel, name=entry.name)
        return Dienststelle.from_text(text)

    def new_vorlage(self, vorlageart: str = "", federfuehrend: str = "") -> Vorlage:
        """A new, empty Vorlage of a type for a unit (the wizard's "Neu" and `vorlage new`)."""
        grunddaten = Grunddaten(vorlageart=vorlageart.strip() or self.vorgabe_vorlageart)
        if federfuehrend.strip():
            grunddaten.federfuehrend = self.dienststelle_from_text(federfuehrend)
        return Vorlage(profil=self.id, grunddaten=grunddaten)


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """The profile of this name (an installed id) or file; None = the chosen or default one.
    Parsed once per file version; a broken one raises forms.profiles.ProfileError."""
    from forms.profiles import load

    return load(name_or_path)
