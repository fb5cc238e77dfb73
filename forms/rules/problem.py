"""What a check reports: a Problem with its section, model path, message and Schwere."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from forms.labels import Section


class Schwere(StrEnum):
    FEHLER = "Fehler"
    HINWEIS = "Hinweis"


@dataclass(frozen=True)
class Problem:
    section: Section
    field: str  # dotted model path, e.g. "beratungsfolge.0.datum"
    message: str
    schwere: Schwere = Schwere.FEHLER

    def __str__(self) -> str:
        return f"{self.schwere.value}: {self.section.titel}: {self.message}"
