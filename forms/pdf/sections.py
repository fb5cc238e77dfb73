"""One function per section of the printed Vorlage, each returning role-carrying flowables.

Order and look follow the city's printed cover sheet (docs/domain.md §1): header, Grunddaten,
Betreff, Beratungsfolge, Beschlussvorschlag, signature, Erläuterungen, Finanzielle Auswirkungen,
Klimarelevanz, Anlagen. The two table-heavy sections have their own modules
(`finanzen`, `klimarelevanz`); `parts` holds what all of them share.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import HRFlowable

from forms.formatting import format_datum
from forms.labels import Section
from forms.model import BeratungStatus, Vorlage
from forms.pdf.auswirkungen import weitere_auswirkungen
from forms.pdf.finanzen import finanzen
from forms.pdf.flowables import (
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
from forms.pdf.fonts import FONT
from forms.pdf.glyphs import needs_fallback
from forms.pdf.klimarelevanz import klimarelevanz
from forms.pdf.parts import CELL_PAD, TABLE_BASE, section_heading
from forms.pdf.richtext import markdown_flowables
from forms.pdf.styles import CELL_SIZE, FRAME_WIDTH, GRID, HEADER_FILL, Styles
from forms.profile import Profile


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


def _status_cell(status: str, width: float, styles: Styles) -> str | Flowable:
    """The status as printed: a plain cell like Geplant/Erledigt when it fits on one line
    (read back in the same order by every text extractor), else wrapped in its column."""
    if status in {s.value for s in BeratungStatus}:
        return status
    plain = status.isprintable() and not needs_fallback(status)  # else Para's glyph fallback
    if plain and stringWidth(status, FONT, CELL_SIZE) <= width - 2 * CELL_PAD:
        return status
    return text_para(status, styles.cell)


def _status_width(vorlage: Vorlage) -> float:
    """60 pt, wider (up to 110 pt) for the longest word of another status, so that a word
    such as "zurückgestellt" is never split inside (the import reads the cell back)."""
    words = [w for b in vorlage.beratungsfolge for w in b.status.split()]
    widest = max((stringWidth(w, FONT, CELL_SIZE) for w in words), default=0.0)
    return min(max(60.0, widest + 2 * CELL_PAD + 1), 110.0)


def beratungsfolge(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    out = [section_heading(Section.BERATUNGSFOLGE.titel, styles)]
    if not vorlage.beratungsfolge:
        out.append(_missing(styles, "– keine Beratungsfolge angegeben –"))
        return out
    status = _status_width(vorlage)
    head = [text_para(t, styles.cell_head) for t in ("Datum", "Gremium", "Zuständigkeit", "Status")]
    data: list[list[Any]] = [head]
    for b in vorlage.beratungsfolge:
        data.append(
            [
                format_datum(b.datum),
                text_para(b.gremium, styles.cell),
                text_para(b.rolle, styles.cell),
                _status_cell(b.status, status, styles),
            ]
        )
    widths = [62, FRAME_WIDTH - 62 - 120 - status, 120, status]
    if has_tall_row(data, widths):
        rows = [
            [format_datum(b.datum), escape(b.gremium), escape(b.rolle), escape(b.status)]
            for b in vorlage.beratungsfolge
        ]
        heads = ["Datum", "Gremium", "Zuständigkeit", "Status"]
        return out + rows_as_paragraphs(heads, rows, styles.body)
    style = [
        *TABLE_BASE,
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
        return [section_heading(Section.BESCHLUSSVORSCHLAG.titel, styles), _missing(styles)]
    return [section_heading(Section.BESCHLUSSVORSCHLAG.titel, styles), *markdown_flowables(text)]


def unterschrift(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    text = vorlage.grunddaten.unterschrift
    if not text.strip():
        return []
    return [text_para(text, styles.signature)]


def erlaeuterungen(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    body = markdown_flowables(vorlage.erlaeuterungen)
    return [section_heading(Section.ERLAEUTERUNGEN.titel, styles), *(body or [_missing(styles)])]


def anlagen(vorlage: Vorlage, styles: Styles) -> list[Flowable]:
    titles = [a.titel.strip() or PurePath(a.datei or "").name for a in vorlage.anlagen]
    titles = [t for t in titles if t]
    if not titles:
        return []
    out = [section_heading("Anlage/n", styles)]
    item_style = ParagraphStyle("anlage", parent=styles.list_item, leftIndent=18, bulletIndent=0)
    for index, title in enumerate(titles):
        label = f"{index + 1}."
        para = text_para(title, item_style, "LI", list=((1, index),), label=label)
        para.bulletText = label
        out.append(para)
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
        *weitere_auswirkungen(vorlage, profile, styles),
        *anlagen(vorlage, styles),
        spacer(1),
    ]
