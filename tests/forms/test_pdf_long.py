"""Long documents paginate: page count in every footer, tables repeat their header rows."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from forms.model import Beratung, BeratungStatus, Vorlage
from forms.pdf import render
from tests.forms.pdfutil import FOOTER, long_markdown, open_pdf, pages_text, squash


@pytest.mark.slow
def test_hundred_pages_of_erlaeuterungen_paginate() -> None:
    v = Vorlage()
    v.grunddaten.vorlage_nr = "FB 01/0654/WP18"
    v.erlaeuterungen = long_markdown(125)
    data = render(v, ausdruck_datum=dt.date(2025, 1, 31))
    pages = pages_text(data)
    assert len(pages) == len(open_pdf(data).pages) >= 100
    for number, page in enumerate(pages, start=1):
        footers = [FOOTER.search(ln) for ln in page.splitlines() if FOOTER.search(ln)]
        assert len(footers) == 1, number
        assert footers[0].groups() == (str(number), str(len(pages)))
        assert "Vorlage FB 01/0654/WP18 der Stadt Aachen" in page
    # The last section and its last paragraph made it onto the last pages.
    tail = squash(" ".join(pages[-3:]))
    assert "Abschnitt 125: Sachstand" in tail and "Absatz 125.2" in tail


def test_long_beratungsfolge_repeats_its_header_on_every_page() -> None:
    v = Vorlage()
    v.beratungsfolge = [
        Beratung(
            status=BeratungStatus.GEPLANT,
            datum=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            gremium=f"Bezirksvertretung Aachen-Mitte {i:03d}",
            rolle="Anhörung/Empfehlung",
        )
        for i in range(120)
    ]
    pages = pages_text(render(v))
    with_rows = [p for p in pages if "Bezirksvertretung Aachen-Mitte" in p]
    assert len(with_rows) >= 2
    for page in with_rows:
        lines = [squash(ln) for ln in page.splitlines()]
        header = lines.index("Datum Gremium Zuständigkeit Status")
        first_row = next(i for i, ln in enumerate(lines) if "Bezirksvertretung" in ln)
        assert header < first_row
    # Every row printed exactly once, in the order entered.
    rows = [ln for p in with_rows for ln in p.splitlines() if "Bezirksvertretung" in ln]
    assert [squash(r).split()[3] for r in rows] == [f"{i:03d}" for i in range(120)]


def test_long_markdown_table_repeats_its_header_row() -> None:
    rows = "\n".join(f"| {i} | Maßnahme {i:03d} | {i * 1000},00 € |" for i in range(250))
    v = Vorlage()
    table = f"| Nr. | Maßnahme | Kosten |\n|---|---|--:|\n{rows}"
    v.erlaeuterungen = f"Vorspann.\n\n{table}\n\nNachsatz."
    pages = pages_text(render(v))
    with_rows = [p for p in pages if "Maßnahme 1" in p or "Maßnahme 2" in p]
    assert len(with_rows) >= 3
    for page in with_rows:
        lines = [squash(ln) for ln in page.splitlines()]
        assert "Nr. Maßnahme Kosten" in lines
    text = squash(" ".join(pages))
    assert all(f"Maßnahme {i:03d}" in text for i in range(250))
    assert text.index("Vorspann.") < text.index("Maßnahme 000") < text.index("Nachsatz.")


@pytest.mark.parametrize("words", [900, 5000])
def test_a_page_long_table_cell_paginates_without_losing_text(words: int) -> None:
    cell = " ".join(f"W{i}" for i in range(words))
    v = Vorlage()
    v.erlaeuterungen = f"| Nr. | Text |\n|---|---|\n| 1 | kurz |\n| 2 | {cell} |\n\nEnde."
    v.beratungsfolge = [Beratung(gremium=cell, rolle="Entscheidung")]
    v.grunddaten.aktenzeichen = cell
    pages = pages_text(render(v))
    text = squash(" ".join(pages))
    assert len(pages) >= 3
    # Every word three times (AZ, Beratungsfolge, Erläuterungen): none lost at a page break.
    counts = Counter(re.findall(r"\bW(\d+)\b", text))
    assert all(counts[str(i)] == 3 for i in range(words))
    assert "Ende." in text


FIELDS = [
    "vorlageart",
    "vorlage_nr",
    "betreff",
    "verfasst_von",
    "aktenzeichen",
    "unterschrift",
    "workflow",
    "federfuehrend",
    "beteiligt",
    "gremium",
    "rolle",
    "anlage",
    "beschlussvorschlag",
    "erlaeuterungen",
]


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS)
def test_pages_of_text_in_any_field_never_break_the_export(field: str) -> None:
    from forms.model import Anlage, Dienststelle

    text = " ".join(f"W{i}" for i in range(2500))
    v = Vorlage()
    g = v.grunddaten
    if field == "workflow":
        g.status.workflow = text
    elif field == "federfuehrend":
        g.federfuehrend = Dienststelle(kuerzel="FB 56", name=text)
    elif field == "beteiligt":
        g.beteiligt = [Dienststelle(kuerzel="FB 56", name=text)]
    elif field in ("gremium", "rolle"):
        v.beratungsfolge = [Beratung(**{field: text})]
    elif field == "anlage":
        v.anlagen = [Anlage(titel=text)]
    elif field in ("beschlussvorschlag", "erlaeuterungen"):
        setattr(v, field, text)
    else:
        setattr(g, field, text)
    words = set(re.findall(r"\bW(\d+)\b", squash(" ".join(pages_text(render(v))))))
    assert len(words) == 2500
