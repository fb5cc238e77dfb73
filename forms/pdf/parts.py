"""What the section modules share: the section heading and the grid style of their tables."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from forms.pdf.flowables import text_para
from forms.pdf.styles import GRID, Styles

CELL_PAD = 3.0
TABLE_BASE: list[tuple[Any, ...]] = [
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


def section_heading(title: str, styles: Styles) -> Flowable:
    return text_para(title, styles.section, "H2")
