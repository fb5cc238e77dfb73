"""The embedded TrueType fonts of the PDF (Liberation Sans, metric-compatible with Arial).

Registered once per process. Never fall back to the base-14 Helvetica: it is not embedded,
lacks glyphs such as ₂ and breaks PDF/A.
"""

from __future__ import annotations

import functools
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from forms.resources import resource_path

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
FONT_ITALIC = "LiberationSans-Italic"
FONT_BOLD_ITALIC = "LiberationSans-BoldItalic"

_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

_lock = threading.Lock()


@functools.cache
def _register() -> None:
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # <b>/<i> in Paragraph markup resolve through this family mapping.
    for bold, italic, name in (
        (0, 0, FONT),
        (1, 0, FONT_BOLD),
        (0, 1, FONT_ITALIC),
        (1, 1, FONT_BOLD_ITALIC),
    ):
        addMapping(FONT, bold, italic, name)


def register_fonts() -> None:
    """Idempotent and thread-safe (the wizard renders in a worker thread)."""
    with _lock:
        _register()


def has_glyph(char: str, font: str = FONT) -> bool:
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return ord(char) in face.charToGlyph
