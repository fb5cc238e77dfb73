"""The ENTWURF mark of a draft: for the eye a drawing, for readers one tagged line.

The big diagonal "ENTWURF" and the small one at the top of every page are drawn as filled
outlines of the bold font's glyphs, not as text: text extraction (pdftotext, a clerk's
copy-paste) never sees their letters, so they cannot land in the middle of a sentence. They
are artifacts (forms.pdf.flowtags wraps the page callbacks). What a screen reader needs is in
the document itself: the title starts with "Entwurf" (`title`) and the first element of the
tag tree is the line "ENTWURF" at the top of page 1 (`DraftLine`), drawn as text there.

The outlines are read from the TrueType file reportlab has parsed anyway (glyf/loca tables);
the letters of "ENTWURF" are simple glyphs (no composites), which `_contours` checks.
"""

from __future__ import annotations

import functools
import math
import struct
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from forms.pdf.flowables import Tagged
from forms.pdf.fonts import FONT_BOLD, register_fonts
from forms.pdf.styles import ENTWURF_GREY, MUTED

WORD = "ENTWURF"
Point = tuple[float, float, bool]  # x, y (font units), on the curve


def title(betreff_title: str) -> str:
    return f"Entwurf: {betreff_title}"


def _contours(face: Any, glyph: int) -> list[list[Point]]:
    """The contours of a simple TrueType glyph (ISO/IEC 14496-22 'glyf')."""
    start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    data = face.get_table("glyf")[start:end]
    if not data:
        return []
    (count,) = struct.unpack_from(">h", data, 0)
    if count < 0:
        raise ValueError("composite glyph")
    ends = struct.unpack_from(f">{count}H", data, 10)
    pos = 10 + 2 * count
    (skip,) = struct.unpack_from(">H", data, pos)
    pos += 2 + skip  # hinting instructions
    total = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < total:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & 8:  # repeated
            flags += [flag] * data[pos]
            pos += 1

    def coordinates(short: int, same: int) -> list[int]:
        nonlocal pos
        values, value = [], 0
        for flag in flags:
            if flag & short:
                delta = data[pos]
                pos += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                (delta,) = struct.unpack_from(">h", data, pos)
                pos += 2
                value += delta
            values.append(value)
        return values

    xs = coordinates(2, 16)
    ys = coordinates(4, 32)
    contours: list[list[Point]] = []
    first = 0
    for last in ends:
        contours.append(
            [(float(xs[i]), float(ys[i]), bool(flags[i] & 1)) for i in range(first, last + 1)]
        )
        first = last + 1
    return contours


def _segments(contour: list[Point]) -> list[tuple[str, tuple[float, ...]]]:
    """One closed contour as ("M"|"L"|"C", coordinates); quadratic curves become cubic ones."""
    points = list(contour)
    if not points:
        return []
    if not points[0][2]:  # start on the curve: rotate, or use the implied midpoint
        on = next((i for i, p in enumerate(points) if p[2]), None)
        if on is None:
            a, b = points[0], points[1]
            points.insert(0, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True))
        else:
            points = points[on:] + points[:on]
    start = points[0]
    out: list[tuple[str, tuple[float, ...]]] = [("M", (start[0], start[1]))]
    current = start
    control: Point | None = None
    for point in [*points[1:], start]:
        if point[2]:
            if control is None:
                out.append(("L", (point[0], point[1])))
            else:
                out.append(("C", _cubic(current, control, point)))
                control = None
            current = point
        elif control is None:
            control = point
        else:  # two off-curve points: the curve passes through their midpoint
            mid = ((control[0] + point[0]) / 2, (control[1] + point[1]) / 2, True)
            out.append(("C", _cubic(current, control, mid)))
            current, control = mid, point
    return out


def _cubic(p0: Point, c: Point, p1: Point) -> tuple[float, ...]:
    return (
        p0[0] + 2 / 3 * (c[0] - p0[0]),
        p0[1] + 2 / 3 * (c[1] - p0[1]),
        p1[0] + 2 / 3 * (c[0] - p1[0]),
        p1[1] + 2 / 3 * (c[1] - p1[1]),
        p1[0],
        p1[1],
    )


@functools.cache
def _word_outline() -> tuple[tuple[tuple[str, tuple[float, ...]], ...], float, float]:
    """Path segments of WORD in font units, its advance width and the units per em."""
    register_fonts()
    face = pdfmetrics.getFont(FONT_BOLD).face
    units = float(getattr(face, "unitsPerEm", 2048))
    segments: list[tuple[str, tuple[float, ...]]] = []
    x = 0.0
    for char in WORD:
        glyph = face.charToGlyph[ord(char)]
        for contour in _contours(face, glyph):
            for op, coords in _segments(contour):
                shifted = tuple(v + x if i % 2 == 0 else v for i, v in enumerate(coords))
                segments.append((op, shifted))
            segments.append(("Z", ()))
        x += face.hmetrics[glyph][0]
    return tuple(segments), x, units


@functools.cache
def _path_code(size: float) -> str:
    """The filled outline of WORD at `size`, baseline centred on (0, 0), as content-stream
    operators: the same on every page, so formatted once (a draft has one per page)."""
    segments, advance, units = _word_outline()
    scale = size / units
    left = -advance * scale / 2
    ops = {"M": "m", "L": "l", "C": "c"}
    parts: list[str] = []
    for op, c in segments:
        if op == "Z":
            parts.append("h")
            continue
        pts = [left + v * scale if i % 2 == 0 else v * scale for i, v in enumerate(c)]
        parts.append(" ".join(f"{p:.2f}" for p in pts) + " " + ops[op])
    return "\n".join(parts) + "\nf"  # f: fill, non-zero winding (as TrueType outlines)


def draw_word(canvas: Any, x: float, y: float, size: float) -> None:
    """WORD as filled outlines, baseline at y, centred on x, in the current fill colour."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.addLiteral(_path_code(size))
    canvas.restoreState()


def draw_marks(canvas: Any, page_w: float, page_h: float, top_y: float, *, top_line: bool) -> None:
    """The diagonal mark and (unless page 1 carries the tagged line) the small top line."""
    canvas.saveState()
    canvas.setFillColor(ENTWURF_GREY)
    canvas.translate(page_w / 2, page_h / 2)
    canvas.rotate(math.degrees(math.atan2(page_h, page_w)) * 0.8)
    draw_word(canvas, 0, -38, 110)
    canvas.restoreState()
    if top_line:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_word(canvas, page_w / 2, top_y, 9)
        canvas.restoreState()


class DraftLine(Tagged, Flowable):
    """The one tagged "ENTWURF" (role P, first in the tag tree): drawn as text at the top of
    page 1 where the other pages carry the outline, taking no room in the frame."""

    pdf_role = "P"

    def __init__(self, page_w: float, top_y: float) -> None:
        super().__init__()
        self._page_w = page_w
        self._top_y = top_y
        self._origin = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> Any:
        self._origin = (x, y)  # draw() works in page coordinates
        return super().drawOn(canvas, x, y, _sW)

    def getPlainText(self) -> str:
        return WORD

    def draw(self) -> None:
        x, y = self._origin
        canv = self.canv
        canv.setFillColor(MUTED)
        canv.setFont(FONT_BOLD, 9)
        canv.drawCentredString(self._page_w / 2 - x, self._top_y - y, WORD)
