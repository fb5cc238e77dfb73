"""Checks of the profile's further Auswirkungen blocks (e.g. personelle Auswirkungen)."""

from __future__ import annotations

from collections.abc import Iterator

from forms.labels import Section
from forms.model import Auswirkung, Vorlage
from forms.profile import Profile
from forms.rules.problem import Problem, Schwere


def weitere_auswirkungen(v: Vorlage, profile: Profile) -> Iterator[Problem]:
    s = Section.KLIMARELEVANZ  # the blocks are asked and printed after the Klimarelevanz
    for block in profile.auswirkungen:
        entry = v.weitere_auswirkungen.get(block.id, Auswirkung())
        where = f"weitere_auswirkungen.{block.id}"
        if entry.ja is None:
            yield Problem(s, f"{where}.ja", f"{block.titel}: JA oder NEIN ankreuzen.")
        elif entry.ja and not entry.text.strip():
            yield Problem(s, f"{where}.text", f"{block.titel}: Bei JA bitte beschreiben.")
    for key in v.weitere_auswirkungen:
        if profile.auswirkung(key) is None:
            yield Problem(
                s,
                f"weitere_auswirkungen.{key}",
                f"Die Angabe „{key}“ kennt das Profil „{profile.name}“ nicht; sie bleibt "
                "erhalten und wird mit ausgegeben.",
                Schwere.HINWEIS,
            )
