"""The municipal profile: catalogues and texts of one city, loaded from resources/profiles/.

Another city needs another JSON file, not other code.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from forms.model import Dienststelle, Grunddaten, Vorlage
from forms.resources import resource_path


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VorlageNrFormat(_Frozen):
    muster: str
    beispiel: str
    erklaerung: str

    def passt(self, nummer: str) -> bool:
        return re.fullmatch(self.muster, nummer) is not None


class Vorlageart(_Frozen):
    name: str
    beschlussvorschlag: str = Field(pattern="^(optional|erforderlich)$")


class Rolle(_Frozen):
    name: str
    verben: tuple[str, ...]
    vorlage: str


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


class Profile(_Frozen):
    profile_version: int
    id: str
    stadt: str
    verwaltungsspitze: str
    fusszeile: str
    vorlage_nr: VorlageNrFormat
    vorlagearten: tuple[Vorlageart, ...]
    status_workflow: tuple[str, ...]
    rollen: tuple[Rolle, ...]
    dienststellen: tuple[DienststelleEintrag, ...]
    gremien: tuple[Gremium, ...]
    klimarelevanz: KlimaTexte

    def vorlageart(self, name: str) -> Vorlageart | None:
        return next((v for v in self.vorlagearten if v.name == name), None)

    def rolle(self, name: str) -> Rolle | None:
        return next((r for r in self.rollen if r.name == name), None)

    def gremium(self, name: str) -> Gremium | None:
        return next((g for g in self.gremien if g.name == name), None)

    def dienststelle(self, kuerzel: str) -> DienststelleEintrag | None:
        return next((d for d in self.dienststellen if d.kuerzel == kuerzel), None)

    def katalog_eintrag(self, text: str) -> DienststelleEintrag | None:
        """The catalogue entry a text names: by its display text ("FB 56 - Fachbereich …")
        or its short code ("FB 56"); None when the text names none (docs/domain.md §2)."""
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
        grunddaten = Grunddaten()
        if vorlageart.strip():
            grunddaten.vorlageart = vorlageart.strip()
        if federfuehrend.strip():
            grunddaten.federfuehrend = self.dienststelle_from_text(federfuehrend)
        return Vorlage(grunddaten=grunddaten)


DEFAULT_PROFILE = "aachen"


@functools.cache
def load_profile(name_or_path: str | Path = DEFAULT_PROFILE) -> Profile:
    """Load a profile by id (resources/profiles/<id>.json) or by path; parsed once per process."""
    path = Path(name_or_path)
    if not path.suffix:
        path = resource_path("profiles", f"{name_or_path}.json")
    return Profile.model_validate(json.loads(path.read_text(encoding="utf-8")))
