"""Every character drawn with a font that has it – or with a visible, honest placeholder.

A character the font lacks would be drawn as its .notdef glyph (code 0, mapped to U+0000),
while the file claims PDF/A-2a and PDF/UA-1. So each text run goes, character by character,
to the first shipped font that has it (forms.pdf.fonts):

1. Liberation Sans – the text face (Latin incl. all European letters, Greek, Cyrillic, € „ “ –);
2. DejaVu Sans – symbols it lacks (✓ ✗ ☐ ☒ ⇒ ★ ① …), bold where the text is bold;
3. anything else (emoji, CJK, private use U+E000…) prints as the replacement character
   "�" (U+FFFD, from DejaVu Sans): visibly not the character, never an invisible .notdef.
   The structure element holding that text gets the original text as /ActualText (tagging:
   ``pdf_actual_text``), so a screen reader or an ActualText-aware copy gets it back. (Not a
   marked-content span inside the line: poppler's tag-tree reader stops at its EMC.)
   forms.rules reports field and character as a Hinweis before export ("… werden im PDF
   als � gedruckt"), from the same coverage (forms.printable.COVERAGE_FILE).

Paragraphs are handled after reportlab parsed their markup (`split_frags`, called by
forms.pdf.flowables.Para): only then is the face of a run (bold, italic) known.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from forms.pdf.fonts import (
    FALLBACK,
    FALLBACK_BOLD,
    FALLBACK_FACES,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    PRIMARY_FACES,
    register_fonts,
)
from forms.printable import code_point_runs, regex_range

PLACEHOLDER = "\ufffd"

PRIMARY, FALLBACK_RUN, MISSING = 0, 1, 2


# Scripts reportlab cannot lay out (it neither reorders right-to-left text nor shapes
# joining or stacking scripts), although the fonts have glyphs for some of them: drawn letter
# by letter they would print wrong (Hebrew backwards, Arabic unjoined). They get the
# placeholder and the Hinweis like any other character without a font.
_NOT_LAID_OUT = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
    (0x0900, 0x109F),  # Indic scripts, Thai, Lao, Tibetan, Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),  # bidi controls
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),  # Hebrew and Arabic presentation forms
)


def _laid_out(code: int) -> bool:
    # Only the Basic Multilingual Plane: reportlab writes a ToUnicode entry as 4 hex digits,
    # so DejaVu's few emoji (U+1F600 …) would map to a wrong character.
    if not 0x20 <= code <= 0xFFFF:
        return False
    return not any(first <= code <= last for first, last in _NOT_LAID_OUT)


def _faces_cover(names: tuple[str, ...]) -> frozenset[int]:
    register_fonts()
    sets = [frozenset(pdfmetrics.getFont(n).face.charToGlyph) for n in names]
    return frozenset(c for c in frozenset.intersection(*sets) if _laid_out(c))


@functools.cache
def coverage() -> tuple[frozenset[int], frozenset[int]]:
    """(code points every text face has, code points only the fallback faces have)."""
    primary = _faces_cover(PRIMARY_FACES)
    return primary, _faces_cover(FALLBACK_FACES) - primary


def printable_code_points() -> frozenset[int]:
    primary, fallback = coverage()
    return primary | fallback


def _class(code_points: frozenset[int]) -> str:
    """The inside of a regex character class matching exactly these code points."""
    return "".join(regex_range(first, last) for first, last in code_point_runs(code_points))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    primary, fallback = coverage()
    # reportlab prints a no-break space as a space.
    not_primary = re.compile(f"[^{_class(primary)} \xa0]")
    fallback_run = re.compile(f"[{_class(fallback)}]+")
    return not_primary, fallback_run


def runs(text: str) -> Iterator[tuple[int, str]]:
    """`text` as (PRIMARY | FALLBACK_RUN | MISSING, part); MISSING parts are one character."""
    not_primary, fallback_run = _patterns()
    pos = 0
    for match in not_primary.finditer(text):
        start = match.start()
        if start < pos:
            continue  # inside a fallback run already given
        if start > pos:
            yield PRIMARY, text[pos:start]
        run = fallback_run.match(text, start)
        if run:
            yield FALLBACK_RUN, run.group()
            pos = run.end()
        else:
            yield MISSING, text[start]
            pos = start + 1
    if pos < len(text):
        yield PRIMARY, text[pos:]


def needs_fallback(text: str) -> bool:
    return _patterns()[0].search(text) is not None


def _fallback_of(font: str) -> str:
    return FALLBACK_BOLD if font in (FONT_BOLD, FONT_BOLD_ITALIC) else FALLBACK


# -- paragraphs ------------------------------------------------------------------------------


def split_frags(frags: list[Any]) -> tuple[list[Any], bool]:
    """reportlab paragraph fragments with every character in a font that has it; the flag
    says whether a placeholder replaced a character (the element then needs ActualText)."""
    if not any(_splittable(f) and needs_fallback(f.text) for f in frags):
        return frags, False
    out: list[Any] = []
    missing = False
    for frag in frags:
        if not (_splittable(frag) and needs_fallback(frag.text)):
            out.append(frag)
            continue
        for kind, part in runs(frag.text):
            if kind == PRIMARY:
                out.append(frag.clone(text=part))
            else:
                missing = missing or kind == MISSING
                text = part if kind == FALLBACK_RUN else PLACEHOLDER
                out.append(frag.clone(text=text, fontName=_fallback_of(frag.fontName)))
    return out, missing


def _splittable(frag: Any) -> bool:
    return (
        isinstance(getattr(frag, "text", None), str)
        and not hasattr(frag, "cbDefn")
        and frag.fontName in PRIMARY_FACES
    )


# -- single lines drawn on the canvas (header, footer) ---------------------------------------


def _canvas_runs(text: str, font: str) -> Iterator[tuple[str, str]]:
    for kind, part in runs(text):
        if kind == PRIMARY:
            yield font, part
        else:
            yield _fallback_of(font), part if kind == FALLBACK_RUN else PLACEHOLDER


def string_width(text: str, font: str, size: float) -> float:
    if not needs_fallback(text):
        return stringWidth(text, font, size)
    return sum(stringWidth(part, face, size) for face, part in _canvas_runs(text, font))


def draw_string(
    canvas: Any, x: float, y: float, text: str, font: str, size: float, *, right: bool = False
) -> None:
    """canvas.drawString / drawRightString with per-character fallback (page furniture is an
    artifact, so a placeholder needs no ActualText)."""
    if right:
        x -= string_width(text, font, size)
    if not needs_fallback(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    for face, part in _canvas_runs(text, font):
        canvas.setFont(face, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, face, size)
