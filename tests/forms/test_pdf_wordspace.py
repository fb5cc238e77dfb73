"""Word breaks at line wraps stay spaces in the tag tree's text (ISO 32000-1 §14.8.2.5).

Read back with poppler's `pdfinfo -struct-text`, i.e. what a screen reader gets, not with
`pdftotext`, which guesses spaces from glyph positions.
"""

from __future__ import annotations

import datetime as dt

from forms import projectfile
from forms.model import Beratung, Vorlage
from forms.pdf import render
from tests.conftest import EXAMPLE
from tests.forms.pdfutil import body_text, struct_texts

AUSDRUCK = dt.date(2026, 11, 25)


def words(count: int, prefix: str = "Wort") -> str:
    return " ".join(f"{prefix}{i}" for i in range(count))


def test_seed_keeps_the_spaces_of_wrapped_lines() -> None:
    texts = "\n".join(struct_texts(render(projectfile.load(EXAMPLE), ausdruck_datum=AUSDRUCK)))
    assert "des Landes Nordrhein-Westfalen" in texts  # a body paragraph
    assert "Kommunale Integrationsmanagement" in texts
    assert "Gesamtbedarf (neu)" in texts  # a header cell of the finance table
    assert "desLandes" not in texts and "Gesamtbedarf(neu)" not in texts


def test_paragraph_list_item_and_table_cell_keep_every_space() -> None:
    v = Vorlage()
    paragraph = words(120, "Absatz")
    item = words(60, "Punkt")
    cell = words(40, "Zelle")
    mixed = " ".join(f"**fett{i}** normal{i} *kursiv{i}*" for i in range(40))
    v.erlaeuterungen = (
        f"{paragraph}\n\n- {item}\n- kurz\n\n| Kopf | Text |\n|---|---|\n| a | {cell} |\n\n{mixed}"
    )
    texts = "".join(struct_texts(render(v, ausdruck_datum=AUSDRUCK)))  # parts on two pages
    assert paragraph in texts
    assert item in texts
    assert cell in texts
    plain_mixed = " ".join(f"fett{i} normal{i} kursiv{i}" for i in range(40))
    assert plain_mixed in texts


def test_line_breaks_inside_a_field_become_spaces() -> None:
    v = Vorlage()
    v.grunddaten.unterschrift = "Sibylle Keupen\nOberbürgermeisterin"
    assert "Sibylle Keupen Oberbürgermeisterin" in struct_texts(render(v, ausdruck_datum=AUSDRUCK))


def test_a_paragraph_split_across_pages_keeps_the_space_at_the_page_break() -> None:
    v = Vorlage()
    paragraph = words(1500)  # several pages, one element
    v.erlaeuterungen = paragraph
    v.beratungsfolge = [Beratung(gremium="Rat der Stadt")]
    data = render(v, ausdruck_datum=AUSDRUCK)
    # poppler prints the element's text once per page; the space belongs to the first part
    assert paragraph in "".join(struct_texts(data))


def test_a_split_long_word_gets_no_space_and_the_page_looks_the_same() -> None:
    v = Vorlage()
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze" * 8  # wider than a line
    v.erlaeuterungen = f"vor {long_word} nach"
    data = render(v, ausdruck_datum=AUSDRUCK)
    assert f"vor {long_word} nach" in struct_texts(data)
    assert long_word in body_text(data).replace(" ", "")
