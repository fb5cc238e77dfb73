"""The embedded TrueType fonts of the PDF.

Liberation Sans (metric-compatible with Arial, which the city's printed sheets use) prints the
text; DejaVu Sans prints, character by character, what Liberation Sans lacks (✓ ✗ ☐ ☒ ⇒ ★ ①
…; see forms.pdf.glyphs). Registered once per process. Never fall back to the base-14
Helvetica: it is not embedded, lacks glyphs such as ₂ and breaks PDF/A.
"""

from __future__ import annotations

import functools
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from forms.pdf.fontcache import load_face
from forms.resources import resource_path

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
FONT_ITALIC = "LiberationSans-Italic"
FONT_BOLD_ITALIC = "LiberationSans-BoldItalic"
FALLBACK = "DejaVuSans"
FALLBACK_BOLD = "DejaVuSans-Bold"

_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
    # Symbols only, so no oblique faces: italic text takes the upright symbol.
    FALLBACK: "DejaVuSans.ttf",
    FALLBACK_BOLD: "DejaVuSans-Bold.ttf",
}
PRIMARY_FACES = (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC)
FALLBACK_FACES = (FALLBACK, FALLBACK_BOLD)

_lock = threading.Lock()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap without the entries of unused codes: reportlab reserves
    code 0 of every subset for .notdef and maps it (and any gap) to U+0000, a value PDF/A-2
    forbids (ISO 19005-2 §6.2.11.7.2). Nothing is ever shown with such a code
    (forms.pdf.glyphs), so the entry only claims a mapping that is wrong."""
    cmap = _reportlab_cmap(fontname, subset)
    head, _, rest = cmap.partition(" beginbfchar\n")
    entries, _, tail = rest.partition("\nendbfchar")
    kept = [e for e in entries.split("\n") if not e.endswith(" <0000>")]
    count_at = head.rfind("\n") + 1
    return f"{head[:count_at]}{len(kept)} beginbfchar\n" + "\n".join(kept) + "\nendbfchar" + tail


_reportlab_cmap = ttfonts.makeToUnicodeCMap


class _CachedFont(TTFont):
    """reportlab's TTFont around a face from forms.pdf.fontcache (parsed once per machine)."""

    def __init__(self, name: str, face: TTFontFace) -> None:
        real_face = ttfonts.TTFontFace
        # TTFont.__init__ builds its face from the file name; hand it the cached one instead.
        ttfonts.TTFontFace = lambda *_args, **_kw: face  # type: ignore[assignment,misc]
        try:
            super().__init__(name, face.filename)
        finally:
            ttfonts.TTFontFace = real_face  # type: ignore[misc]


@functools.cache
def _register() -> None:
    # ttfonts.TTFont.addObjects calls the module's function: replaced once, process-wide.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        face = load_face(resource_path("fonts", filename))
        pdfmetrics.registerFont(_CachedFont(name, face))
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
