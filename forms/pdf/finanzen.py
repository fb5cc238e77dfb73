"""The Finanzielle Auswirkungen of the printed Vorlage: the JA/NEIN box and the two tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from forms.formatting import format_betrag
from forms.labels import Section
from forms.model import SPALTEN, Deckung, Finanzen, Spalten, Vorlage
from forms.pdf.flowables import CheckBox, markup_para, table, text_para
from forms.pdf.fonts import FONT, FONT_BOLD
from forms.pdf.parts import CELL_PAD, TABLE_BASE, section_heading
from forms.pdf.styles import COMPUTED_FILL, FRAME_WIDTH, HEADER_FILL, Styles

DECKUNG_TEXT = {
    Deckung.GEGEBEN: "Deckung ist gegeben",
    Deckung.NICHT_AUSREICHEND: "keine ausreichende Deckung vorhanden",
    Deckung.NICHT_ANGEGEBEN: "Deckung ist gegeben/ keine ausreichende Deckung vorhanden",
}

_LABEL_W = 84.0
_VALUE_W = (FRAME_WIDTH - _LABEL_W) / 6
_NUMBER_SIZE = 8.0


def _number_cmds(text: str, col: int, row: int) -> list[tuple[Any, ...]]:
    """Shrink a long amount so it never overflows its column."""
    width = stringWidth(text, FONT, _NUMBER_SIZE)
    room = _VALUE_W - 2 * CELL_PAD
    if width <= room:
        return []
    return [("FONTSIZE", (col, row), (col, row), _NUMBER_SIZE * room / width)]


def _finance_table(
    title: str,
    rows: list[tuple[str, Spalten]],
    ergebnis: dict[str, Decimal],
    veraenderung: tuple[Decimal, Decimal],
    deckung: tuple[Deckung, Deckung],
    alt_neu: str,
    finanzen: Finanzen,
    styles: Styles,
) -> Flowable:
    head_style = ParagraphStyle("fin-head", parent=styles.cell, fontSize=7.2, leading=8.6)
    label_style = ParagraphStyle("fin-label", parent=styles.cell, fontSize=8, leading=9.6)
    bold_label = ParagraphStyle("fin-label-b", parent=label_style, fontName=FONT_BOLD)
    jahr, ff = finanzen.jahr_text(), finanzen.jahr_text(folgejahre=True)
    headers = [
        title,
        f"Ansatz {jahr}",
        f"Fortgeschriebener Ansatz {jahr}",
        f"Ansatz {ff}",
        f"Fortgeschriebener Ansatz {ff}",
        f"{alt_neu} (alt)",
        f"{alt_neu} (neu)",
    ]
    data: list[list[Any]] = [
        [text_para(headers[0], ParagraphStyle("fin-title", parent=head_style, fontName=FONT_BOLD))]
        + [text_para(h, head_style) for h in headers[1:]]
    ]
    cmds: list[tuple[Any, ...]] = [
        *TABLE_BASE,
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("FONT", (1, 1), (-1, -1), FONT, _NUMBER_SIZE),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
    ]

    def add_amounts(label: Any, values: list[str]) -> None:
        r = len(data)
        data.append([label, *values])
        for c, text in enumerate(values, start=1):
            cmds.extend(_number_cmds(text, c, r))

    for label, spalten in rows:
        add_amounts(
            text_para(label, label_style), [format_betrag(getattr(spalten, c)) for c in SPALTEN]
        )
    r = len(data)
    add_amounts(text_para("Ergebnis", bold_label), [format_betrag(ergebnis[c]) for c in SPALTEN])
    cmds += [("BACKGROUND", (0, r), (-1, r), COMPUTED_FILL), ("FONT", (1, r), (-1, r), FONT_BOLD)]

    r = len(data)
    v_jahr = format_betrag(veraenderung[0], vorzeichen=True)
    v_ff = format_betrag(veraenderung[1], vorzeichen=True)
    # Break after the slash so "-" stays with "Verschlechterung".
    data.append(
        [
            markup_para("+ Verbesserung /<br/>- Verschlechterung", label_style),
            v_jahr,
            "",
            v_ff,
            "",
            "",
            "",
        ]
    )
    cmds += [
        ("SPAN", (1, r), (2, r)),
        ("SPAN", (3, r), (4, r)),
        ("ALIGN", (1, r), (4, r), "CENTER"),
        ("VALIGN", (1, r), (4, r), "MIDDLE"),
        ("BACKGROUND", (1, r), (4, r), COMPUTED_FILL),
        ("FONT", (1, r), (4, r), FONT_BOLD),
    ]
    r = len(data)
    deck_style = ParagraphStyle("fin-deckung", parent=head_style, alignment=1)
    data.append(
        [
            "",
            text_para(DECKUNG_TEXT[deckung[0]], deck_style),
            "",
            text_para(DECKUNG_TEXT[deckung[1]], deck_style),
            "",
            "",
            "",
        ]
    )
    cmds += [("SPAN", (1, r), (2, r)), ("SPAN", (3, r), (4, r))]
    return table(
        data,
        col_widths=[_LABEL_W] + [_VALUE_W] * 6,
        style=cmds,
        header_rows=1,
        header_cols=1,
        hAlign="LEFT",
        spaceBefore=4,
        spaceAfter=10,
        keep_together=True,
    )


def ja_nein_box(auswirkungen: bool | None, styles: Styles) -> Flowable:
    data = [
        [text_para("JA", styles.cell_center), text_para("NEIN", styles.cell_center)],
        [CheckBox(auswirkungen is True, "JA"), CheckBox(auswirkungen is False, "NEIN")],
    ]
    style = [
        *TABLE_BASE,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (0, 1), (-1, 1), "CENTER"),
        ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, 1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 4),
    ]
    t = table(
        data,
        col_widths=[48, 48],
        style=style,
        header_rows=1,
        hAlign="LEFT",
        keep_together=True,
        spaceAfter=8,
    )
    t.keepWithNext = 1  # the box without its first table looks like a finished section
    return t


def finanzen(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    f = vorlage.finanzen
    inv, kon = f.investiv, f.konsumtiv
    vi, vk = inv.veraenderung(), kon.veraenderung()
    return [
        section_heading(Section.FINANZEN.titel, styles),
        ja_nein_box(f.auswirkungen, styles),
        _finance_table(
            "Investive Auswirkungen",
            [("Einzahlungen", inv.einzahlungen), ("Auszahlungen", inv.auszahlungen)],
            inv.ergebnis(),
            (vi.jahr, vi.ff),
            (inv.deckung_jahr, inv.deckung_ff),
            "Gesamtbedarf",
            f,
            styles,
        ),
        _finance_table(
            "konsumtive Auswirkungen",
            [
                ("Ertrag", kon.ertrag),
                ("Personal-/ Sachaufwand", kon.personal_sachaufwand),
                ("Abschreibungen", kon.abschreibungen),
            ],
            kon.ergebnis(),
            (vk.jahr, vk.ff),
            (kon.deckung_jahr, kon.deckung_ff),
            "Folgekosten",
            f,
            styles,
        ),
    ]
