"""Figures in printed text: an amount keeps its "€" on the same line; figure columns of
Markdown tables are right-aligned (read back from the rendered PDF)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.enums import TA_LEFT, TA_RIGHT

from forms.model import Vorlage
from forms.pdf.document import render
from forms.pdf.richtext import keep_units, markdown_flowables
from tests.forms.pdfutil import pages_text, word_boxes

AUSDRUCK = dt.date(2026, 12, 2)


def _render(erlaeuterungen: str) -> bytes:
    v = Vorlage(erlaeuterungen=erlaeuterungen)
    v.grunddaten.betreff = "Beträge"
    return render(v, ausdruck_datum=AUSDRUCK)


def test_amount_and_euro_stay_on_one_line():
    # Many amounts of different widths: some line ends fall right before "€" unless bound.
    text = " ".join(
        f"Posten {i} kostet {i * 7919 % 100000:,} €".replace(",", ".") for i in range(1, 80)
    )
    lines = [
        ln.strip() for page in pages_text(_render(text), mode="-raw") for ln in page.splitlines()
    ]
    assert any("€" in ln for ln in lines)
    assert [ln for ln in lines if ln.startswith("€")] == []


def test_keep_units_binds_only_units_after_figures():
    assert keep_units("1.825.900,00 € und 5 % sowie 3 Mio. €") == (
        "1.825.900,00\u00a0€ und 5\u00a0% sowie 3\u00a0Mio. €"
    )
    assert keep_units("Euro € allein") == "Euro € allein"


def _alignments(markdown: str) -> list[list[int]]:
    from reportlab.platypus import Table

    tables = [f for f in markdown_flowables(markdown) if isinstance(f, Table)]
    assert tables
    return [[cell.style.alignment for cell in row] for row in tables[0]._cellvalues]


def test_figure_columns_are_right_aligned():
    md = (
        "| Maßnahme | Kosten | Anteil |\n|---|---|---|\n"
        "| Planung | 12.500,00 € | 5 % |\n| Bau | 1.234.567,89 € | 95 % |\n"
    )
    rows = _alignments(md)
    assert [r[0] for r in rows] == [TA_LEFT, TA_LEFT, TA_LEFT]
    assert [r[1] for r in rows] == [TA_RIGHT] * 3  # heading too, over its figures
    assert [r[2] for r in rows] == [TA_RIGHT] * 3


def test_explicit_alignment_and_mixed_columns_stay():
    md = "| Jahr | Notiz |\n|:---|---|\n| 2026 | 12 |\n| 2027 | siehe Anlage |\n"
    rows = _alignments(md)
    assert [r[0] for r in rows] == [TA_LEFT] * 3  # ":---" says left
    assert [r[1] for r in rows] == [TA_LEFT] * 3  # not only figures


def _word_boxes(data: bytes) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word, from poppler's `pdftotext -bbox`."""
    return [(w.text, w.x_min, w.x_max) for w in word_boxes(data)]


def test_right_aligned_figures_in_the_pdf():
    md = "| Posten | Betrag |\n|---|---|\n| A | 1,00 € |\n| B | 1.234.567,89 € |\n"
    boxes = _word_boxes(_render(md))
    euro_right = [x_max for word, _x, x_max in boxes if word.endswith("€")]
    assert len(euro_right) == 2
    # Right-aligned: both amounts end at the same x (the cell's right edge).
    assert abs(euro_right[0] - euro_right[1]) < 0.5
    short = next(x for word, x, _ in boxes if word == "1,00")
    long = next(x for word, x, _ in boxes if word == "1.234.567,89")
    assert short > long
