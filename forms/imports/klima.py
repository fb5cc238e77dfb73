"""Filling the Klimarelevanz of a draft from the marks read per question (page text and PDF)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from forms.imports.report import Sammler
from forms.imports.values import enum_of
from forms.labels import field_label
from forms.model import Klimarelevanz
from forms.profile import KlimaFrage

R = TypeVar("R")  # the lines of one question: page-text strings or positioned PDF lines


def fill_klimarelevanz(
    s: Sammler,
    fragen: dict[str, KlimaFrage],
    regions: Mapping[str, R] | None,
    choices: Callable[[str, KlimaFrage, R], list[str] | str],
    *,
    kein_kreuz: str = "kein Kreuz.",
) -> None:
    """One answer per question of the profile: a single mark is taken; none is a hint;
    several, or a mark that cannot be placed, are reported and nothing is taken.
    `regions` is None when the section is missing (older Vorlagen do not have it)."""
    if regions is None:
        s.missing("Abschnitt „Klimarelevanz“ nicht gefunden (ältere Vorlagen haben ihn nicht).")
        return
    for name, frage in fragen.items():
        region = regions.get(name)
        label = field_label(("klimarelevanz", name))
        if region is None:
            s.missing(f"{label}: Frage nicht gefunden.")
            continue
        chosen = choices(name, frage, region)
        if isinstance(chosen, str):
            s.missing(f"{label}: {chosen}")
        elif len(chosen) > 1:
            s.missing(f"{label}: mehrere Kreuze ({', '.join(chosen)}); nichts übernommen.")
        elif not chosen:
            s.hint(f"{label}: {kein_kreuz}")
        else:
            annotation = Klimarelevanz.model_fields[name].annotation
            s.set(s.v.klimarelevanz, name, enum_of(annotation, chosen[0]), f"klimarelevanz.{name}")
