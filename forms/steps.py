"""The wizard's steps and their titles: what the window shows before anything is loaded.

Kept apart from `forms.flow` (which needs the model and the rules) so that the main window's
first paint – side list, Start page – imports neither pydantic nor the Vorlage model
(issue 19, docs/performance.md: cold start).
"""

from __future__ import annotations

from enum import StrEnum

from forms.labels import Section


class Extra(StrEnum):
    """Steps of the wizard that are not a section of the Vorlage."""

    START = "start"
    PRUEFEN = "pruefen"


Step = Section | Extra

STEPS: tuple[Step, ...] = (Extra.START, *Section, Extra.PRUEFEN)

STEP_TITLES: dict[Step, str] = {
    Extra.START: "Start",
    **{s: s.titel for s in Section},
    Extra.PRUEFEN: "Prüfen und Exportieren",
}
