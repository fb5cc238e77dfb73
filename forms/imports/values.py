"""Single values as printed on a Vorlage: dates, budget years, Deckung, Status, the x-mark
choice of the Klimarelevanz grid. Shared by every source."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from forms.imports.grids import norm
from forms.model import Deckung, Sichtbarkeit

DATUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"Ansatz\s+(\d{4})\s*(ff\.?)?")
# What a clerk writes into the Anlagen table or section when there is none.
_PLACEHOLDER = re.compile(
    r"[-–—./\s]*|\(?(keine?( Anlagen?(/n)?)?|entfällt|nicht vorhanden|ohne|n\.\s?v\.)\)?\.?",
    re.IGNORECASE,
)


def is_placeholder(text: str) -> bool:
    """True for "keine", "-", "(keine Anlagen)", "entfällt" …: text that is no Anlage title."""
    return _PLACEHOLDER.fullmatch(text.strip()) is not None


def date_only(cell: str) -> list[tuple[int, int, int]] | None:
    """The dates of a cell that holds nothing but dates (day, month, year), else None."""
    found = DATUM.findall(cell)
    if not found or DATUM.sub("", cell).strip():
        return None
    return [(int(t), int(m), int(j)) for t, m, j in found]


def make_date(tag: int, monat: int, jahr: int) -> dt.date | None:
    try:
        return dt.date(jahr, monat, tag)
    except ValueError:
        return None


def years(header: list[str]) -> set[tuple[str, int]]:
    """("jahr", 2025) / ("ff", 2026) for the "Ansatz 2025" / "Ansatz 2026 ff." headings."""
    found: set[tuple[str, int]] = set()
    for cell in header:
        match = _YEAR.search(cell)
        if match:
            found.add(("ff" if match[2] else "jahr", int(match[1])))
    return found


def deckung(cell: str) -> Deckung:
    text = norm(cell)
    gegeben = "deckung ist gegeben" in text
    keine = "keine ausreichende deckung" in text
    if gegeben and not keine:
        return Deckung.GEGEBEN
    if keine and not gegeben:
        return Deckung.NICHT_AUSREICHEND
    return Deckung.NICHT_ANGEGEBEN  # the template sentence with both alternatives


def enum_of(annotation: object, value: str) -> object:
    """The enum member `value` of an Optional[Enum] model annotation."""
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return arg(value)
    raise ValueError(value)  # pragma: no cover - the profile keys are the enum values


_STATUS = re.compile(r"(nicht\s?öffentlich|öffentlich)\s*(?:\((.*)\))?")


def parse_status(text: str) -> tuple[Sichtbarkeit, str] | None:
    """'öffentlich (Vorlage abgeschlossen)' → (ÖFFENTLICH, 'Vorlage abgeschlossen')."""
    match = _STATUS.fullmatch(text.strip())
    if match is None:
        return None
    sichtbarkeit = (
        Sichtbarkeit.OEFFENTLICH if match[1] == "öffentlich" else Sichtbarkeit.NICHTOEFFENTLICH
    )
    return sichtbarkeit, match[2] or ""
