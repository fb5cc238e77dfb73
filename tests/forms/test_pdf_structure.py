"""Structural roles for the later tagging (issue 5) and the rich-text conversion."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table

from forms.model import Anlage, Beratung, Vorlage
from forms.pdf import render, sections
from forms.pdf.flowables import ROLES, Para, text_para
from forms.pdf.richtext import markdown_flowables
from forms.pdf.styles import stylesheet
from forms.profile import load_profile
from tests.forms.pdfutil import body_text, pages_text, squash


def _walk(flowables: list[Any]) -> list[Flowable]:
    found: list[Flowable] = []
    for f in flowables:
        if isinstance(f, list | tuple):
            found += _walk(list(f))
        elif isinstance(f, Flowable):
            found.append(f)
            if isinstance(f, Table):
                found += _walk([cell for row in f._cellvalues for cell in row])
    return found


def test_every_flowable_of_the_story_has_a_role(example) -> None:
    example.beschlussvorschlag = "# Antrag\n\n1. eins\n   - a\n\n| A | B |\n|---|---|\n| 1 | 2 |"
    example.grunddaten.unterschrift = "Sibylle Keupen\nOberbürgermeisterin"
    example.anlagen = [Anlage(titel="Präsentation")]
    story = sections.story(example, load_profile(), stylesheet())
    flowables = _walk(story)
    assert len(flowables) > 40
    for f in flowables:
        assert getattr(f, "pdf_role", None) in ROLES, f
    roles = [f.pdf_role for f in story]
    assert roles.count("H1") == 1  # the Betreff
    assert {"H2", "H3", "LI", "Table", "P", "Figure"} <= {f.pdf_role for f in flowables}
    tables = [f for f in flowables if f.pdf_role == "Table" and not getattr(f, "pdf_layout", 0)]
    assert all(hasattr(t, "pdf_header_rows") and hasattr(t, "pdf_header_cols") for t in tables)
    boxes = [f.pdf_alt for f in flowables if f.pdf_role == "Figure"]
    assert "☒ NEIN" in boxes and "☒ positiv" in boxes and "☐ negativ" in boxes


def test_split_parts_keep_their_role() -> None:
    para = text_para("Wort " * 400, stylesheet().body, "LI", list=((1, 0),), label="1.")
    para.bulletText = "1."
    para.wrap(300, 10_000)
    parts = para.split(300, 100)
    assert len(parts) == 2 and all(isinstance(p, Para) for p in parts)
    assert parts[0].pdf_role == parts[1].pdf_role == "LI"
    assert parts[1].pdf_list == ((1, 0),) and parts[1].pdf_continued
    assert parts[0].pdf_label == "1." and not hasattr(parts[1], "pdf_label")


def test_markdown_roles_headings_lists_and_tables() -> None:
    md = (
        "## Anlass\n\nText mit **fett** und *kursiv*.\n\n### Details\n\n"
        "3. drei\n4. vier\n   - innen\n     1. tief\n\n- außen\n\n"
        "| Jahr | Betrag |\n|---|--:|\n| 2024 | 1,00 |\n"
    )
    out = markdown_flowables(md)
    roles = [f.pdf_role for f in out]
    assert roles == ["H3", "P", "H4", "LI", "LI", "LI", "LI", "LI", "Table"]
    items = [f for f in out if f.pdf_role == "LI"]
    assert [f.pdf_label for f in items] == ["3.", "4.", "◦", "1.", "•"]
    assert items[2].pdf_list[:1] == items[1].pdf_list  # nested under item "4."
    assert len(items[3].pdf_list) == 3
    assert items[4].pdf_list[0][0] != items[0].pdf_list[0][0]  # a new list
    assert "<b>fett</b>" in out[1].text and "<i>kursiv</i>" in out[1].text
    assert out[-1].pdf_header_rows == 1


def test_rich_text_renders_lists_headings_and_tables() -> None:
    v = Vorlage()
    v.beratungsfolge = [Beratung(gremium="Rat der Stadt Aachen", rolle="Entscheidung")]
    v.erlaeuterungen = (
        "# Anlass\n\nErster Absatz mit CO₂, „Zitat“ – 1.825.900,00 € & § 60 GO NRW.\\\n"
        "Zweite Zeile.\n\n1. Ausgangslage\n2. Ziel\n   - Teilziel\n\n"
        "| Jahr | Betrag |\n|---|--:|\n| 2024 | 1.000,00 € |\n"
    )
    data = render(v)
    text = body_text(data)
    for piece in (
        "Anlass",
        "Erster Absatz mit CO₂, „Zitat“ – 1.825.900,00 € & § 60 GO NRW.",
        "Zweite Zeile.",
        "1. Ausgangslage",
        "2. Ziel",
        "◦ Teilziel",
        "Jahr Betrag",
        "2024 1.000,00 €",
    ):
        assert piece in text, piece
    layout = [squash(ln) for ln in pages_text(data)[0].splitlines()]
    assert "Erster Absatz mit CO₂, „Zitat“ – 1.825.900,00 € & § 60 GO NRW." in layout
    assert "Zweite Zeile." in layout  # the hard break is a real line break
