"""Any table the editor accepts exports: a table too wide for the page is printed as one
paragraph per row („Kopf: Wert“), like a table with a page-long cell (#13 item 10)."""

from __future__ import annotations

import re

import pytest

from forms.model import Vorlage
from forms.pdf import render
from tests.forms.pdfutil import pages_text


def table(columns: int, indent: str = "") -> str:
    head = "|" + "|".join(f"Spalte{i}" for i in range(columns)) + "|"
    rule = "|" + "|".join("-" for _ in range(columns)) + "|"
    row = "|" + "|".join(f"W{i}x" for i in range(columns)) + "|"
    return "\n".join(indent + line for line in (head, rule, row)) + "\n"


@pytest.mark.parametrize(
    ("columns", "markdown"),
    [
        (60, lambda t: t),
        (61, lambda t: t),
        (150, lambda t: t),
        (40, lambda t: "- Punkt\n\n" + t.replace("|S", "  |S").replace("\n|", "\n  |")),
        (60, lambda t: "1. Punkt\n   - innen\n\n" + "\n".join("     " + x for x in t.split("\n"))),
    ],
)
def test_a_table_wider_than_the_page_exports_with_every_cell(columns: int, markdown) -> None:
    vorlage = Vorlage()
    vorlage.erlaeuterungen = "Vorher.\n\n" + markdown(table(columns)) + "\nNachher."
    text = " ".join(pages_text(render(vorlage)))
    cells = set(re.findall(r"\bW(\d+)x\b", text))
    assert cells == {str(i) for i in range(columns)}
    assert "Spalte0: W0x" in text.replace("\n", " ")
    assert "Vorher." in text and "Nachher." in text


def test_a_table_that_fits_stays_a_table() -> None:
    vorlage = Vorlage()
    vorlage.erlaeuterungen = table(12)
    text = " ".join(pages_text(render(vorlage)))
    assert "Spalte0:" not in text and all(f"W{i}x" in text for i in range(12))


def test_one_long_column_does_not_squeeze_the_others_below_the_minimum() -> None:
    from forms.pdf.richtext import MIN_COLUMN, _column_widths

    rows = [[("Ein sehr langer Text " * 10, "left", False)] + [("y", "left", False)] * 20]
    widths = _column_widths(rows, 21, 467.7)
    assert widths is not None and min(widths) >= MIN_COLUMN
    assert abs(sum(widths) - 467.7) < 1e-6
