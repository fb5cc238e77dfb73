"""Import the printed Vorlage as text copied out of a PDF viewer (select all, copy).

The copy loses all positions: table columns arrive one cell per line, labels and values in
separate runs, and every printed line ends with a hard break. The reader is the PDF's
(`forms.imports.pdf.parse_lines`) in its no-position mode; what cannot be told apart without
positions (which box of JA/NEIN holds the "x") is reported, never guessed.
"""

from __future__ import annotations

from forms.imports.pdf import parse_lines
from forms.imports.pdflines import from_text
from forms.imports.report import ImportErgebnis
from forms.profile import Profile

QUELLE = "Text aus einem PDF"
_MARKERS = ("Federführende Dienststelle:", "Verfasser", "Vorlage-Nr")


def looks_like(text: str) -> bool:
    """The cover sheet's label column ("Federführende Dienststelle:", "Verfasser/in:"), which
    the council page's text does not have (it says "Federführend:", "Verfasst von:")."""
    head = text[:20_000]
    return sum(marker in head for marker in _MARKERS) >= 2


def parse(text: str, profile: Profile | None = None, source: str = "Der Text") -> ImportErgebnis:
    return parse_lines(from_text(text), profile, source, QUELLE)
