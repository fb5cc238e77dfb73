"""The canonical Markdown form: idempotent, meaning-preserving, literal text stays literal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.markdown import escape, normalize, parser, plain_text


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        # Qt's toMarkdown wraps at 80 columns; the canonical form keeps one line per paragraph.
        ("Ein langer\nAbsatz über\nzwei Zeilen.\n\n", "Ein langer Absatz über zwei Zeilen."),
        ("1. Ausgangslage\n2. Ziel\n   - a\n   - b", "1. Ausgangslage\n2. Ziel\n   - a\n   - b"),
        ("* eins\n* zwei", "- eins\n- zwei"),
        ("Text __fett__ und _kursiv_", "Text **fett** und *kursiv*"),
        ("Zeile,\\\nnächste", "Zeile,\\\nnächste"),
        ("|A|B|\n|-|-:|\n|1|2|", "| A | B |\n| --- | ---: |\n| 1 | 2 |"),
        ("Heading\n=======", "# Heading"),
    ],
)
def test_normalize_produces_the_canonical_form(source: str, canonical: str) -> None:
    assert normalize(source) == canonical
    assert normalize(canonical) == canonical


@pytest.mark.parametrize(
    "literal",
    [
        "Bürger*innen und Akteur*innen",
        "1. Ausgangslage ist kein Listenpunkt",
        "# keine Überschrift",
        '<img src="/etc/passwd"/> & &nbsp; <a href="x">',
        "§ 60 GO NRW, 1.825.900,00 €, „Zitat“ – CO2 _x_ `y` [z]",
        "- kein Aufzählungspunkt",
        "a\u00a0b",
    ],
)
def test_escaped_text_reads_back_literally(literal: str) -> None:
    markdown = escape(literal)
    assert plain_text(markdown) == literal
    html = parser().render(markdown)
    assert "<em>" not in html and "<img" not in html and "<ol" not in html and "<h1" not in html


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\r"
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=5))
def test_escaped_paragraphs_round_trip(paragraphs: list[str]) -> None:
    # Paragraphs as a clerk types them: no leading/trailing or repeated white space.
    cleaned = [" ".join(p.split()) for p in paragraphs if p.split()]
    markdown = "\n\n".join(escape(p) for p in cleaned)
    assert plain_text(markdown) == "\n".join(cleaned)
    assert normalize(markdown) == markdown


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalize_is_idempotent_on_any_input(source: str) -> None:
    once = normalize(source)
    assert normalize(once) == once
