"""The strict check: every missing or inconsistent item of a Vorlage, all at once.

A draft with problems still saves; export as final requires no `Schwere.FEHLER`.
Each problem names its section and the model path of the field, so the wizard's review page
can jump there.

One module per group of sections: `grunddaten` (Grunddaten, Beratungsfolge), `texts`
(Beschlussvorschlag, Erläuterungen, Anlagen, unprintable characters), `finanzen` (Finanzen,
Klimarelevanz); `problem` holds what they report.
"""

from __future__ import annotations

from forms import profiles
from forms.labels import Section
from forms.model import Vorlage
from forms.profile import Profile
from forms.rules import auswirkungen, finanzen, grunddaten, texts
from forms.rules.grunddaten import dienststelle_im_katalog, gremium_im_katalog
from forms.rules.problem import Problem, Schwere

__all__ = [
    "Problem",
    "Schwere",
    "dienststelle_im_katalog",
    "gremium_im_katalog",
    "has_errors",
    "is_complete",
    "problems",
]

_CHECKS = (
    grunddaten.grunddaten,
    grunddaten.beratungsfolge,
    texts.beschlussvorschlag,
    texts.erlaeuterungen,
    texts.heading_levels,
    texts.anlagen,
    finanzen.finanzen,
    finanzen.klimarelevanz,
    auswirkungen.weitere_auswirkungen,
    texts.unprintable,
)


def problems(vorlage: Vorlage, profile: Profile | None = None) -> list[Problem]:
    profile = profile or profiles.of(vorlage)
    return [p for check in _CHECKS for p in check(vorlage, profile)]


def is_complete(section: Section, vorlage: Vorlage, profile: Profile | None = None) -> bool:
    """True when the section has no errors (hints do not block)."""
    return not any(
        p.section == section and p.schwere == Schwere.FEHLER for p in problems(vorlage, profile)
    )


def has_errors(found: list[Problem]) -> bool:
    return any(p.schwere == Schwere.FEHLER for p in found)
