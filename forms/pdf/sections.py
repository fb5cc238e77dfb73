"""One function per section of the printed Vorlage, each returning role-carrying flowables.

Order and look follow the city's printed cover sheet (docs/domain.md §1): header, Grunddaten,
Betreff, Beratungsfolge, Beschlussvorschlag, signature, Erläuterungen, Finanzielle Auswirkungen,
Klimarelevanz, Anlagen.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import HRFlowable

from forms.formatting import format_betrag, format_datum
from forms.labels import Section
from forms.model import SPALTEN, Deckung, Finanzen, Spalten, Vorlage
from forms.pdf.flowables import (
    CheckBox,
    escape,
    escape_lines,
    has_tall_row,
    markup_para,
    rows_as_paragraphs,
    spacer,
    table,
    tag,
    text_para,
)
from forms.pdf.fonts import FONT, FONT_BOLD
from forms.pdf.richtext import markdown_flowables
from forms.pdf.styles import COMPUTED_FILL, FRAME_WIDTH, GRID, HEADER_FILL, Styles
from forms.profile import KlimaFrage, Profile

DECKUNG_TEXT = {
    Deckung.GEGEBEN: "Deckung ist gegeben",
    Deckung.NICHT_AUSREICHEND: "keine ausreichende Deckung vorhanden",
    Deckung.NICHT_ANGEGEBEN: "Deckung ist gegeben/ keine ausreichende Deckung vorhanden",
}

_CELL_PAD = 3.0
_TABLE_BASE: list[tuple[Any, ...]] = [
    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
    ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


def _heading(title: str, styles: Styles) -> Flowable:
    return text_para(title, styles.section, "H2")


def _rule(space_after: float = 6) -> Flowable:
    return tag(
        HRFlowable(width="100%", thickness=0.8, color=GRID, spaceBefore=2, spaceAfter=space_after),
        "Artifact",
    )


def _missing(styles: Styles, text: str = "– nicht ausgefüllt –") -> Flowable:
    return markup_para(f"<i>{escape(text)}</i>", styles.body)


# -- header and Grunddaten ---------------------------------------------------------------------


def kopf(vorlage: Vorlage, profile: Profile, styles: Styles) -> list[Flowable]:
    g = vorlage.grunddaten
    left = [
        text_para(profile.stadt, styles.city),
        text_para(profile.verwaltungsspitze, styles.spitze),
    ]
    right = [
        text_para("Vorlage", styles.vorlage),
        text_para(g.vorlageart, ParagraphStyle("kopf-art", parent=styles.spitze, alignment=2)),
    ]
    layout = table(
        [[left, right]],
        col_widths=[FRAME_WIDTH * 0.6, FRAME_WIDTH * 0.4],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
        ],
    )
    # A layout grid, not a data table: the tagger emits only its cells' contents.
    layout.pdf_layout = True
    return [layout, _rule(10)]


def grunddaten(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    g = vorlage.grunddaten
    rows: list[tuple[str, str]] = [("Federführende Dienststelle", g.federfuehrend.anzeige())]
    if g.beteiligt:
        rows.append(("Beteiligte Dienststelle/n", "\n".join(d.anzeige() for d in g.beteiligt)))
    rows += [
        ("Vorlage-Nr.", g.vorlage_nr),
        ("Vorlageart", g.vorlageart),
        ("Status", g.status.anzeige()),
        ("AZ", g.aktenzeichen),
        ("Datum", format_datum(g.datum)),
        ("Verfasser/in", g.verfasst_von),
    ]
    data = [
        [text_para(f"{label}:", styles.gd_label), text_para(value, styles.gd_value)]
        for label, value in rows
    ]
    if has_tall_row(data, [135, FRAME_WIDTH - 135]):
        return rows_as_paragraphs(
            [],
            [[f"<b>{escape(label)}:</b> {escape_lines(value)}"] for label, value in rows],
            styles.body,
        )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    return [
        table(
            data,
            col_widths=[135, FRAME_WIDTH - 135],
            style=style,
            header_cols=1,
            hAlign="LEFT",
            spaceAfter=10,
            keep_together=True,
        )
    ]


def betreff(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    text = vorlage.grunddaten.betreff
    out: list[Flowable] = [text_para("Betreff:", styles.label)]
    out.append(text_para(text, styles.betreff, "H1") if text.strip() else _missing(styles))
    return out


# -- Beratungsfolge ----------------------------------------------------------------------------


def beratungsfolge(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    out = [_heading(Section.BERATUNGSFOLGE.titel, styles)]
    if not vorlage.beratungsfolge:
        out.append(_missing(styles, "– keine Beratungsfolge angegeben –"))
        return out
    head = [text_para(t, styles.cell_head) for t in ("Datum", "Gremium", "Zuständigkeit", "Status")]
    data: list[list[Any]] = [head]
    for b in vorlage.beratungsfolge:
        data.append(
            [
                format_datum(b.datum),
                text_para(b.gremium, styles.cell),
                text_para(b.rolle, styles.cell),
                b.status.value,
            ]
        )
    widths = [62, FRAME_WIDTH - 62 - 120 - 60, 120, 60]
    if has_tall_row(data, widths):
        rows = [
            [format_datum(b.datum), escape(b.gremium), escape(b.rolle), b.status.value]
            for b in vorlage.beratungsfolge
        ]
        heads = ["Datum", "Gremium", "Zuständigkeit", "Status"]
        return out + rows_as_paragraphs(heads, rows, styles.body)
    style = [
        *_TABLE_BASE,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("FONT", (0, 1), (-1, -1), FONT, 8.5),
    ]
    out.append(table(data, col_widths=widths, style=style, header_rows=1, hAlign="LEFT"))
    return out


# -- Beschlussvorschlag, signature, Erläuterungen, Anlagen -------------------------------------


def beschlussvorschlag(vorlage: Vorlage, profile: Profile, styles: Styles) -> list[Flowable]:
    text = vorlage.beschlussvorschlag
    art = profile.vorlageart(vorlage.grunddaten.vorlageart)
    required = art is not None and art.beschlussvorschlag == "erforderlich"
    if not text.strip():
        if not required:
            return []
        return [_heading(Section.BESCHLUSSVORSCHLAG.titel, styles), _missing(styles)]
    return [_heading(Section.BESCHLUSSVORSCHLAG.titel, styles), *markdown_flowables(text)]


def unterschrift(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    text = vorlage.grunddaten.unterschrift
    if not text.strip():
        return []
    return [text_para(text, styles.signature)]


def erlaeuterungen(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    body = markdown_flowables(vorlage.erlaeuterungen)
    return [_heading(Section.ERLAEUTERUNGEN.titel, styles), *(body or [_missing(styles)])]


def anlagen(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    titles = [a.titel.strip() or PurePath(a.datei or "").name for a in vorlage.anlagen]
    titles = [t for t in titles if t]
    if not titles:
        return []
    out = [_heading("Anlage/n", styles)]
    item_style = ParagraphStyle("anlage", parent=styles.list_item, leftIndent=18, bulletIndent=0)
    for index, title in enumerate(titles):
        label = f"{index + 1}."
        para = text_para(title, item_style, "LI", list=((1, index),), label=label)
        para.bulletText = label
        out.append(para)
    return out


# -- Finanzielle Auswirkungen ------------------------------------------------------------------

_LABEL_W = 84.0
_VALUE_W = (FRAME_WIDTH - _LABEL_W) / 6
_NUMBER_SIZE = 8.0


def _number_cmds(text: str, col: int, row: int) -> list[tuple[Any, ...]]:
    """Shrink a long amount so it never overflows its column."""
    width = stringWidth(text, FONT, _NUMBER_SIZE)
    room = _VALUE_W - 2 * _CELL_PAD
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
        *_TABLE_BASE,
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


def _ja_nein(auswirkungen: bool | None, styles: Styles) -> Flowable:
    data = [
        [text_para("JA", styles.cell_center), text_para("NEIN", styles.cell_center)],
        [CheckBox(auswirkungen is True, "JA"), CheckBox(auswirkungen is False, "NEIN")],
    ]
    style = [
        *_TABLE_BASE,
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
        _heading(Section.FINANZEN.titel, styles),
        _ja_nein(f.auswirkungen, styles),
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


# -- Klimarelevanz -----------------------------------------------------------------------------

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
        _heading(Section.KLIMARELEVANZ.titel, styles),
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


def story(vorlage: Vorlage, profile: Profile, styles: Styles) -> list[Flowable]:
    """The whole document body in print order."""
    return [
        *kopf(vorlage, profile, styles),
        *grunddaten(vorlage, styles),
        *betreff(vorlage, styles),
        *beratungsfolge(vorlage, styles),
        *beschlussvorschlag(vorlage, profile, styles),
        *unterschrift(vorlage, styles),
        *erlaeuterungen(vorlage, styles),
        *finanzen(vorlage, styles),
        *klimarelevanz(vorlage, profile, styles),
        *anlagen(vorlage, styles),
        spacer(1),
    ]
