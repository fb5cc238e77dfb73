"""The one stylesheet of the PDF: page geometry, colours and paragraph styles."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from forms.pdf.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

PAGE_SIZE = A4
# Print margins: 25 mm on the left leaves room for hole punching and stapling.
MARGIN_LEFT = 25 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

GRID = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.91, 0.91, 0.91)
COMPUTED_FILL = colors.Color(0.96, 0.96, 0.96)
MUTED = colors.Color(0.35, 0.35, 0.35)
ENTWURF_GREY = colors.Color(0.86, 0.86, 0.86)

BODY_SIZE = 10
CELL_SIZE = 8.5
SMALL_SIZE = 7.5


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    label: ParagraphStyle
    gd_label: ParagraphStyle
    gd_value: ParagraphStyle
    city: ParagraphStyle
    spitze: ParagraphStyle
    vorlage: ParagraphStyle
    betreff: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    heading: tuple[ParagraphStyle, ...]  # markdown headings, by depth below the section
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    small: ParagraphStyle
    list_item: ParagraphStyle
    signature: ParagraphStyle


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.3,
        "alignment": TA_LEFT,
        "bulletFontName": FONT,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@functools.cache
def stylesheet() -> Styles:
    register_fonts()
    cell = {"fontSize": CELL_SIZE, "leading": CELL_SIZE * 1.22}
    return Styles(
        body=_style("body", spaceAfter=6),
        label=_style("label", fontName=FONT_BOLD, **cell),
        gd_label=_style("gd-label", fontName=FONT_BOLD, fontSize=9, leading=11.5),
        gd_value=_style("gd-value", fontSize=9, leading=11.5),
        city=_style("city", fontName=FONT_BOLD, fontSize=16, leading=19),
        spitze=_style("spitze", fontSize=11, leading=14),
        vorlage=_style("vorlage", fontName=FONT_BOLD, fontSize=20, leading=24, alignment=TA_RIGHT),
        betreff=_style("betreff", fontName=FONT_BOLD, fontSize=12, leading=15, spaceAfter=4),
        section=_style(
            "section",
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        subsection=_style(
            "subsection",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        heading=(
            _style(
                "h-1",
                fontName=FONT_BOLD,
                fontSize=11.5,
                leading=15,
                spaceBefore=10,
                spaceAfter=4,
                keepWithNext=1,
            ),
            _style(
                "h-2",
                fontName=FONT_BOLD,
                fontSize=10.5,
                leading=14,
                spaceBefore=8,
                spaceAfter=3,
                keepWithNext=1,
            ),
            _style(
                "h-3",
                fontName=FONT_BOLD,
                fontSize=10,
                leading=13,
                spaceBefore=6,
                spaceAfter=2,
                keepWithNext=1,
            ),
            _style(
                "h-4",
                fontName=FONT_ITALIC,
                fontSize=10,
                leading=13,
                spaceBefore=6,
                spaceAfter=2,
                keepWithNext=1,
            ),
        ),
        cell=_style("cell", **cell),
        cell_bold=_style("cell-bold", fontName=FONT_BOLD, **cell),
        cell_head=_style("cell-head", fontName=FONT_BOLD, **cell),
        cell_right=_style("cell-right", alignment=TA_RIGHT, **cell),
        cell_center=_style("cell-center", alignment=TA_CENTER, **cell),
        small=_style("small", fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.25, textColor=MUTED),
        list_item=_style("list-item", spaceAfter=3),
        signature=_style("signature", spaceBefore=18),
    )
