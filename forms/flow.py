"""The wizard's flow as data: steps, what applies when, and generated text. No Qt here.

The Qt side only asks these functions and renders the answers, so the rules are unit-tested
without a display (docs/architecture.md: the wizard's flow is data).
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.labels import Section
from forms.model import Klimarelevanz, KlimaschutzRelevanz, Vorlage
from forms.profile import Profile
from forms.rules import Problem, Schwere

# The steps live in forms.steps (light, for the first paint); named here too, as before.
from forms.steps import STEP_TITLES as STEP_TITLES
from forms.steps import STEPS as STEPS
from forms.steps import Extra as Extra
from forms.steps import Step as Step


def beschlussvorschlag_erforderlich(vorlage: Vorlage, profile: Profile) -> bool:
    art = profile.vorlageart(vorlage.grunddaten.vorlageart)
    return art is not None and art.beschlussvorschlag == "erforderlich"


def section_state(section: Section, found: list[Problem]) -> Schwere | None:
    """The worst problem of a section (for the marker in the side list), None when clean."""
    own = [p.schwere for p in found if p.section == section]
    if Schwere.FEHLER in own:
        return Schwere.FEHLER
    if own:
        return Schwere.HINWEIS
    return None


# Klimarelevanz questions in form order (docs/domain.md §7).
KLIMA_FRAGEN: tuple[str, ...] = (
    "klimaschutz",
    "co2_effekt",
    "anpassung",
    "einsparung",
    "erhoehung",
    "kompensation",
)


def klima_nicht_anwendbar(k: Klimarelevanz) -> dict[str, str | None]:
    """Per question: None when it applies, else a short German reason why it is disabled.

    Kompensation stays answerable whatever K1 says: real Vorlagen (the seed) answer it for
    positive measures, and `rules` turns that into a hint instead of refusing the data.
    """
    reasons: dict[str, str | None] = dict.fromkeys(KLIMA_FRAGEN)
    if k.klimaschutz is None:
        reasons["co2_effekt"] = "Erst die Relevanz für den Klimaschutz ankreuzen."
    if k.klimaschutz != KlimaschutzRelevanz.POSITIV:
        reasons["einsparung"] = "Nur bei positiver Relevanz für den Klimaschutz."
    if k.klimaschutz != KlimaschutzRelevanz.NEGATIV:
        reasons["erhoehung"] = "Nur bei negativer Relevanz für den Klimaschutz."
    return reasons


@dataclass(frozen=True)
class BeschlussAbsatz:
    gremium: str
    text: str


def beschluss_absaetze(vorlage: Vorlage, profile: Profile) -> list[BeschlussAbsatz]:
    """One proposal sentence per Gremium of the Beratungsfolge, in its order (docs/domain.md §4)."""
    result: list[BeschlussAbsatz] = []
    for row in vorlage.beratungsfolge:
        name = row.gremium.strip()
        if not name:
            continue
        gremium = profile.gremium(name)
        # Free entries have no catalogue article; nearly all German Gremien names are masculine.
        artikel = gremium.artikel if gremium else "Der"
        rolle = profile.rolle(row.rolle.strip())
        template = rolle.vorlage if rolle else "{artikel} {gremium} …"
        result.append(BeschlussAbsatz(name, template.format(artikel=artikel, gremium=name)))
    return result


def beschluss_skeleton(vorlage: Vorlage, profile: Profile) -> str:
    """The skeleton as Markdown paragraphs, ready to be inserted into the editor."""
    return "\n\n".join(a.text for a in beschluss_absaetze(vorlage, profile))
