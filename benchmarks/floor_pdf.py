#!/usr/bin/env python3
"""The floor of `vorlage pdf`: a bare reportlab script, no application code (issue 19).

    python benchmarks/floor_pdf.py VORLAGE.vorlage.json OUT.pdf

Reads the project file with `json` and draws equivalent content with the same two Liberation
TTFs the export uses for body text and headings (Regular, Bold): title block, Grunddaten,
Beratungsfolge, Beschlussvorschlag, Erläuterungen (one paragraph per blank-line block),
both finance tables, Klimarelevanz, A4, footer "Vorlage … – Seite X von Y". No validation, no
tagging, no PDF/A: what any Python program that prints this content with reportlab costs,
interpreter start included. `benchmarks/run.py` times it as a whole process beside
`python -m forms pdf`.

It repeats on purpose what it shares with forms/pdf/document.py (the "Seite X von Y" canvas,
the usual reportlab recipe; `duplicates` lists the pair): a floor that imported application
code would no longer measure what plain reportlab costs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"


class _NumberedCanvas(Canvas):
    """Keeps every page until save(), then writes "Seite X von Y" (the usual reportlab recipe)."""

    def __init__(self, *args: object, footer: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict] = []
        self.footer = footer

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Sans", 8)
            self.drawString(
                25 * mm, 10 * mm, f"{self.footer} – Seite {self._pageNumber} von {total}"
            )
            super().showPage()
        super().save()


def _table(rows: list[list[str]], body: ParagraphStyle, widths: list[float]) -> Table:
    cells = [[Paragraph(str(c), body) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    vorlage = json.loads(source.read_text(encoding="utf-8"))["vorlage"]
    pdfmetrics.registerFont(TTFont("Sans", str(FONTS / "LiberationSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Sans-Bold", str(FONTS / "LiberationSans-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Sans", fontSize=10, leading=13, spaceAfter=5)
    h1 = ParagraphStyle("h1", fontName="Sans-Bold", fontSize=16, leading=20, spaceAfter=8)
    h2 = ParagraphStyle("h2", fontName="Sans-Bold", fontSize=12, leading=15, spaceBefore=8)
    g = vorlage["grunddaten"]
    width = A4[0] - 45 * mm
    story: list = [
        Paragraph("Stadt Aachen", h1),
        Paragraph("Vorlage", h1),
        Paragraph(g["vorlageart"], h2),
        _table(
            [
                ["Feld", "Wert"],
                [
                    "Federführende Dienststelle:",
                    f"{g['federfuehrend']['kuerzel']} - {g['federfuehrend']['name']}",
                ],
                ["Vorlage-Nr.:", g["vorlage_nr"]],
                ["Vorlageart:", g["vorlageart"]],
                ["Status:", f"{g['status']['sichtbarkeit']} ({g['status']['workflow']})"],
                ["AZ:", g["aktenzeichen"]],
                ["Datum:", g["datum"] or ""],
                ["Verfasser/in:", g["verfasst_von"]],
                ["Betreff:", g["betreff"]],
            ],
            body,
            [width * 0.35, width * 0.65],
        ),
        Paragraph("Beratungsfolge", h2),
        _table(
            [["Datum", "Gremium", "Zuständigkeit", "Status"]]
            + [
                [b["datum"] or "", b["gremium"], b["rolle"], b["status"]]
                for b in vorlage["beratungsfolge"]
            ],
            body,
            [width / 4] * 4,
        ),
    ]
    if vorlage["beschlussvorschlag"]:
        story += [
            Paragraph("Beschlussvorschlag", h2),
            Paragraph(vorlage["beschlussvorschlag"], body),
        ]
    story.append(Paragraph("Erläuterungen", h2))
    for block in vorlage["erlaeuterungen"].split("\n\n"):
        story.append(Paragraph(block.replace("\\*", "*"), body))
    for name, part in (
        ("investiv", "Investive Auswirkungen"),
        ("konsumtiv", "Konsumtive Auswirkungen"),
    ):
        rows = [["", "Ansatz", "fortgeschr.", "Ansatz ff.", "fortgeschr. ff.", "alt", "neu"]]
        for key, values in vorlage["finanzen"][name].items():
            if isinstance(values, dict):
                rows.append([key] + [f"{values[c]} €" for c in values])
        story += [Spacer(1, 6), Paragraph(part, h2), _table(rows, body, [width / 7] * 7)]
    klima = vorlage["klimarelevanz"]
    story += [
        Paragraph("Klimarelevanz", h2),
        _table([["Frage", "Antwort"]] + [[k, str(v or "")] for k, v in klima.items()], body,
               [width * 0.5, width * 0.5]),
    ]  # fmt: skip
    doc = SimpleDocTemplate(
        str(target), pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm,
        topMargin=20 * mm, bottomMargin=20 * mm, title=g["betreff"],
    )  # fmt: skip
    footer = f"Vorlage {g['vorlage_nr']} der Stadt Aachen"
    doc.build(story, canvasmaker=lambda *a, **kw: _NumberedCanvas(*a, footer=footer, **kw))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
