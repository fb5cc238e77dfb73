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


# -- issue #13: no text is ever dropped, links keep their own targets ----------------------------
from pathlib import Path  # noqa: E402

from forms import markdown  # noqa: E402
from forms.markdown import MAX_LIST_DEPTH, in_subset, unsupported  # noqa: E402


def _nested_list(levels: int) -> str:
    return "\n".join("  " * d + f"- Ebene {d + 1}" for d in range(levels)) + "\n\nDanach."


@pytest.mark.parametrize("levels", [MAX_LIST_DEPTH, 10, 12, 30, 200])
def test_deep_lists_keep_every_level_and_the_text_after(levels: int) -> None:
    stored = normalize(_nested_list(levels))
    text = plain_text(stored)
    for d in range(levels):
        assert f"Ebene {d + 1}" in text
    assert stored.endswith("Danach.")
    assert normalize(stored) == stored


def test_the_editors_deepest_list_is_in_the_subset() -> None:
    nine = normalize(_nested_list(MAX_LIST_DEPTH))
    assert nine.count("Ebene") == MAX_LIST_DEPTH and in_subset(nine)
    assert f"Liste mit mehr als {MAX_LIST_DEPTH} Ebenen" in unsupported(
        normalize(_nested_list(MAX_LIST_DEPTH + 1))
    )


@pytest.mark.parametrize(
    "hostile",
    [
        ">" * 1000 + " tief\n\nDanach.",
        "\n".join("> " * d + "- " * d + f"Ebene{d}" for d in range(80)) + "\n\nDanach.",
        "[" * 3000 + "tief" + "]" * 3000 + "\n\nDanach.",
        "![" * 2000 + "tief\n\nDanach.",
        "\n".join("   " * d + f"{d}. Ebene{d}" for d in range(150)) + "\n\nDanach.",
    ],
)
def test_hostile_nesting_drops_no_text(hostile: str) -> None:
    stored = normalize(hostile)
    words = {w.strip("[]!>-.") for w in plain_text(hostile).split()} - {""}
    text = plain_text(stored)
    assert all(w in text for w in words)
    assert stored.endswith("Danach.")
    assert normalize(stored) == stored


def test_every_link_keeps_its_own_target() -> None:
    source = '[Rat](https://rat.example) und [Bürger](https://b.example "Titel") ![Plan](p.png)'
    assert normalize(source) == source
    html = parser().render(normalize(source))
    assert 'href="https://rat.example"' in html and 'href="https://b.example"' in html


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("3. drei\n4. vier", "3. drei\n4. vier"),
        ("`a``b`", "`a``b`"),
        ("```` x ` `` ````", "``` x ` `` ```"),
        ("````\n```\ninnen\n```\n````", "````\n```\ninnen\n```\n````"),
        ("| A |\n|---|\n| a\\\nb |", "| A |\n| --- |\n| a\\\\ |\n| b |"),
        ("[a](<x y>) [b](x(y)", "[a](x%20y) \\[b\\](x(y)"),
        ("a! [b](u)", "a! [b](u)"),
        ("a![b](u)", "a![b](u)"),
        ("a\\![b](u)", "a\\![b](u)"),
        ("> a\n\n> b", "> a\n\n> b"),
        # A bullet before a line of dashes would read back as a rule: the list takes "*".
        ("- ****", "* ---"),
        ("- a\n- ***\n- b", "* a\n* ---\n* b"),
        ("- - ****", "- * ---"),
        ("1. ***", "1. ---"),
        # Emphasis that reaches further nests outside: one mark closes, no "****".
        ("***a**_*", "***a**\\_*"),
        ("***a** b*", "***a*** *b*"),
    ],
)
def test_hostile_inline_forms_stay_meaningful(source: str, canonical: str) -> None:
    assert normalize(source) == canonical
    assert normalize(canonical) == canonical
    assert plain_text(canonical) == plain_text(source)


def test_a_hard_break_at_the_end_of_a_paragraph_is_dropped_not_a_backslash() -> None:
    # It shows nothing; written as "\\" + newline it came back as a literal backslash.
    assert normalize("a    \n[](u)") == "a"
    assert normalize("**a**  \n\nb") == "**a**\n\nb"


_MARKUP = st.sampled_from(
    [*"ab *_`[]()!#>-1.\n\\~|<&:x ", "**", "![", "](u)", "\n\n", "1. ", "- ", "> ", "```", "    "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_normalize_keeps_every_letter_of_markup_heavy_input(source: str) -> None:
    once = normalize(source)
    assert normalize(once) == once
    letters = "".join(ch for ch in plain_text(source) if ch in "abx1")
    assert "".join(ch for ch in plain_text(once) if ch in "abx1") == letters


def test_importer_output_is_in_the_editors_subset() -> None:
    from forms.imports import import_file

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "ratsinfo"
    pages = sorted(fixtures.glob("*.txt"))
    assert pages
    for page in pages:
        vorlage = import_file(page).vorlage
        for text in (vorlage.erlaeuterungen, vorlage.beschlussvorschlag):
            assert in_subset(text), (page.name, unsupported(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab1.-•*) #>`[]_\\")), max_size=12), max_size=8))
def test_importer_markdown_of_any_lines_is_in_the_subset(lines: list[str]) -> None:
    from forms.imports.textblocks import markdown as page_markdown

    text = page_markdown(lines, "Erläuterungen:")
    assert in_subset(text), unsupported(text)
    assert markdown.normalize(text) == text
