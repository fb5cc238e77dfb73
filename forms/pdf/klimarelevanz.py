"""The Klimarelevanz grid of the printed Vorlage: each question with its check-box options."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from forms.labels import Section
from forms.model import Vorlage
from forms.pdf.flowables import CheckBox, table, text_para
from forms.pdf.fonts import FONT
from forms.pdf.parts import section_heading
from forms.pdf.styles import FRAME_WIDTH, Styles
from forms.profile import KlimaFrage, Profile

_BOX = 9.0


def _options(frage: KlimaFrage, chosen: str | None, styles: Styles) -> Flowable:
    opt_style = ParagraphStyle("klima-opt", parent=styles.cell, fontSize=9, leading=11)
    box_col = _BOX + 6
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    horizontal = not frage.schwellen and len(frage.optionen) <= 4
    if horizontal:
        row: list[Any] = []
        widths: list[float] = []
        for key, text in frage.optionen.items():
            row += [CheckBox(key == chosen, text, _BOX), text_para(text, opt_style)]
            widths += [box_col, stringWidth(text, FONT, 9) + 18]
        t = table(
            [row], col_widths=widths, style=cmds, hAlign="LEFT", spaceAfter=6, keep_together=True
        )
    else:
        data: list[list[Any]] = []
        for key, text in frage.optionen.items():
            cells: list[Any] = [CheckBox(key == chosen, text, _BOX), text_para(text, opt_style)]
            if frage.schwellen:
                cells.append(text_para(frage.schwellen.get(key, ""), opt_style))
            data.append(cells)
        widths = [box_col, 90.0] + ([FRAME_WIDTH - box_col - 90] if frage.schwellen else [])
        if not frage.schwellen:
            widths[1] = FRAME_WIDTH - box_col
        t = table(
            data, col_widths=widths, style=cmds, hAlign="LEFT", spaceAfter=6, keep_together=True
        )
    # Options laid out in a grid: the tagger emits box + label pairs, not a data table.
    t.pdf_layout = True
    return t


def klimarelevanz(vorlage: Vorlage, profile: Profile, styles: Styles) -> list[Flowable]:
    texte = profile.klimarelevanz
    out: list[Flowable] = [
        section_heading(Section.KLIMARELEVANZ.titel, styles),
        text_para(texte.ueberschrift, styles.body),
    ]
    frage_style = ParagraphStyle("klima-frage", parent=styles.body, spaceAfter=3, keepWithNext=1)
    hinweis_style = ParagraphStyle(
        "klima-hinweis", parent=styles.body, fontSize=9, leading=11.5, keepWithNext=1
    )
    for key, frage in texte.fragen.items():
        value = getattr(vorlage.klimarelevanz, key, None)
        chosen = value.value if value is not None else None
        if frage.block:
            out.append(text_para(frage.block, styles.subsection, "H3"))
        if frage.hinweis:
            out.append(text_para(frage.hinweis, hinweis_style))
        out.append(text_para(frage.frage, frage_style))
        out.append(_options(frage, chosen, styles))
    # The grid is one form: keep it on one page (reportlab groups keepWithNext runs; a grid
    # taller than a page would still split).
    for flowable in out[:-1]:
        flowable.keepWithNext = 1
    return out
