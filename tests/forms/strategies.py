"""Hypothesis strategies for whole Vorlagen: arbitrary Unicode in every text field, arbitrary
two-place Decimals in every amount, 0–30 Beratungsfolge rows, Markdown-like rich text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from forms.model import (
    MAX_BETRAG,
    Anlage,
    AnpassungRelevanz,
    Beratung,
    BeratungStatus,
    CO2Effekt,
    Deckung,
    Dienststelle,
    Finanzen,
    Groessenordnung,
    Grunddaten,
    Investiv,
    Klimarelevanz,
    KlimaschutzRelevanz,
    Kompensation,
    Konsumtiv,
    Sichtbarkeit,
    Spalten,
    Status,
    Vorlage,
)

# Every code point except lone surrogates (the model refuses them: not text).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)

betrag = st.decimals(min_value=0, max_value=MAX_BETRAG, places=2, allow_nan=False) | st.integers(
    0, 10**6
).map(Decimal)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def dienststellen(text: st.SearchStrategy[str]) -> st.SearchStrategy[Dienststelle]:
    return st.builds(Dienststelle, kuerzel=text, name=text)


def spalten() -> st.SearchStrategy[Spalten]:
    return st.builds(
        Spalten,
        ansatz=betrag,
        ansatz_fortgeschrieben=betrag,
        ansatz_ff=betrag,
        ansatz_ff_fortgeschrieben=betrag,
        alt=betrag,
        neu=betrag,
    )


MARKDOWN_BLOCKS = [
    "# Überschrift",
    "## Unterpunkt",
    "- Punkt **fett** und *kursiv*",
    "1. erstens\n2. zweitens",
    "| A | B |\n|---|---|\n| 1 | 2 |",
    "> Zitat",
    "`Code`",
    "~~gestrichen~~",
    "[Link](https://example.org)",
    "Text mit \\* Sternchen \\_ und \\\\ Backslash",
    "&nbsp; &amp; &lt;b&gt;",
    "<b>kein HTML</b>",
]
markdown_text = st.lists(st.sampled_from(MARKDOWN_BLOCKS) | ANY_TEXT, max_size=8).map("\n\n".join)


@st.composite
def vorlagen(
    draw: st.DrawFn,
    text: st.SearchStrategy[str] = ANY_TEXT,
    rich: st.SearchStrategy[str] = markdown_text,
    max_rows: int = 30,
) -> Vorlage:
    grunddaten = Grunddaten(
        vorlageart=draw(text),
        vorlage_nr=draw(text),
        betreff=draw(text),
        status=Status(sichtbarkeit=draw(st.sampled_from(Sichtbarkeit)), workflow=draw(text)),
        federfuehrend=draw(dienststellen(text)),
        beteiligt=draw(st.lists(dienststellen(text), max_size=3)),
        verfasst_von=draw(text),
        datum=draw(optional(st.dates())),
        aktenzeichen=draw(text),
        unterschrift=draw(text),
    )
    beratung = st.builds(
        Beratung,
        # Geplant, Erledigt or any status text the council system shows (docs/domain.md §3).
        status=st.sampled_from(BeratungStatus).map(str) | text,
        datum=optional(st.dates()),
        gremium=text,
        rolle=text,
    )
    finanzen = Finanzen(
        auswirkungen=draw(optional(st.booleans())),
        haushaltsjahr=draw(optional(st.integers(1990, 2200))),
        investiv=Investiv(
            einzahlungen=draw(spalten()),
            auszahlungen=draw(spalten()),
            deckung_jahr=draw(st.sampled_from(Deckung)),
            deckung_ff=draw(st.sampled_from(Deckung)),
        ),
        konsumtiv=Konsumtiv(
            ertrag=draw(spalten()),
            personal_sachaufwand=draw(spalten()),
            abschreibungen=draw(spalten()),
            deckung_jahr=draw(st.sampled_from(Deckung)),
            deckung_ff=draw(st.sampled_from(Deckung)),
        ),
    )
    klima = Klimarelevanz(
        klimaschutz=draw(optional(st.sampled_from(KlimaschutzRelevanz))),
        co2_effekt=draw(optional(st.sampled_from(CO2Effekt))),
        anpassung=draw(optional(st.sampled_from(AnpassungRelevanz))),
        einsparung=draw(optional(st.sampled_from(Groessenordnung))),
        erhoehung=draw(optional(st.sampled_from(Groessenordnung))),
        kompensation=draw(optional(st.sampled_from(Kompensation))),
    )
    return Vorlage(
        grunddaten=grunddaten,
        beratungsfolge=draw(st.lists(beratung, max_size=max_rows)),
        beschlussvorschlag=draw(rich),
        erlaeuterungen=draw(rich),
        anlagen=draw(st.lists(st.builds(Anlage, titel=text, datei=optional(text)), max_size=4)),
        finanzen=finanzen,
        klimarelevanz=klima,
    )


# -- the editor's rich-text subset (docs/rich-text.md) ----------------------------------------
# Words mix ordinary German text with everything Markdown could read as markup.
_WORD_CHARS = st.sampled_from(
    list("abcäöüßXYZ019") + list("*_`[]()<>&|~!#+-=.:\\\"'§€„“–") + ["\u00a0"]
)
_word = st.text(_WORD_CHARS, min_size=1, max_size=8)
_url = st.sampled_from(
    [
        "https://www.aachen.de/rat",
        "https://example.org/a_b?x=1&y=(2)",
        "mailto:rat@mail.aachen.de",
        "/dev/zero",
        "//host/share.png",
        "anlage 1.pdf",
        "#abschnitt",
    ]
)


@st.composite
def _runs(draw: st.DrawFn, links: bool = True, breaks: bool = True) -> list[Any]:
    from forms.markdown import Image, Link, Run

    runs = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["text", "text", "text", "code", "image", "break"]))
        link = None
        if links and draw(st.integers(0, 4)) == 0:
            link = Link(draw(_url), draw(st.sampled_from(["", "Ratsinfo", 'Titel "x"'])))
        if kind == "break":
            if breaks and runs:
                runs.append(Run(text="\n"))
            continue
        if kind == "image":
            alt = draw(st.lists(_word, max_size=3).map(" ".join))
            runs.append(Run(image=Image(draw(_url), alt), link=None))
            continue
        text = " ".join(draw(st.lists(_word, min_size=1, max_size=4)))
        runs.append(
            Run(
                text=text,
                code=kind == "code",
                bold=draw(st.booleans()),
                italic=draw(st.booleans()),
                strike=draw(st.integers(0, 3)) == 0,
                link=link,
            )
        )
        runs.append(Run(text=draw(st.sampled_from([" ", " ", "", "  "]))))
    return runs


def _inline(runs: list[Any]) -> str:
    from forms.markdown import serialise_runs

    return serialise_runs(runs) or "Text"


@st.composite
def _list_block(draw: st.DrawFn, depth: int = 1, max_depth: int = 9) -> str:
    ordered = draw(st.booleans())
    start = draw(st.sampled_from([1, 1, 0, 3, 7, 10, 99, 123]))
    items = []
    for index in range(draw(st.integers(1, 3))):
        marker = f"{start + index}. " if ordered else "- "
        line = marker + _inline(draw(_runs(breaks=False)))
        if depth < max_depth and draw(st.integers(0, 2)) == 0:
            sub = draw(_list_block(depth + 1, max_depth))
            line += "\n" + "\n".join(" " * len(marker) + s for s in sub.split("\n"))
        items.append(line)
    return "\n".join(items)


@st.composite
def _table_block(draw: st.DrawFn) -> str:
    from forms.markdown import delimiter_row

    width = draw(st.sampled_from([1, 2, 3, 5, 12, 40]))
    aligns = draw(
        st.lists(st.sampled_from(["", "right", "center"]), min_size=width, max_size=width)
    )
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        cells = [
            _inline(draw(_runs(breaks=False))) if draw(st.booleans()) else "" for _ in range(width)
        ]
        rows.append("| " + " | ".join(cells) + " |")
    rows.insert(1, delimiter_row(aligns, width))
    return "\n".join(rows)


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            ["p", "p", "p", "h", "list", "list", "deep", "quote", "code", "hr", "table"]
        )
    )
    if kind == "p":
        return _inline(draw(_runs()))
    if kind == "h":
        return "#" * draw(st.integers(1, 6)) + " " + _inline(draw(_runs(breaks=False)))
    if kind == "list":
        return draw(_list_block(max_depth=3))
    if kind == "deep":  # the deepest list the editor allows, every level present
        lines = [
            " " * (3 * d)
            + ("1. " if draw(st.booleans()) else "-  ").rstrip(" ")
            + " "
            + f"Ebene {d + 1}"
            for d in range(9)
        ]
        return "\n".join(line.replace("-  ", "- ") for line in lines)
    if kind == "quote":
        paragraphs = draw(st.lists(_runs(), min_size=1, max_size=3))
        return "\n>\n".join(
            "\n".join("> " + ln for ln in _inline(r).split("\n")) for r in paragraphs
        )
    if kind == "code":
        lines = draw(st.lists(st.text(_WORD_CHARS, max_size=12), min_size=1, max_size=4))
        return "```\n" + "\n".join(lines) + "\n```"
    if kind == "hr":
        return "---"
    return draw(_table_block())


@st.composite
def subset_markdown(draw: st.DrawFn) -> str:
    """Canonical Markdown of the editor's subset: links, images, quotes, list starts other
    than 1, nine list levels, wide tables with alignment, code, rules, strikethrough."""
    from forms.markdown import in_subset, normalize

    text = normalize("\n\n".join(draw(st.lists(_block(), min_size=1, max_size=5))))
    assume(in_subset(text))
    return text


@st.composite
def word_list_html(draw: st.DrawFn) -> tuple[str, list[int]]:
    """What Word puts on the clipboard for a numbered list a paragraph interrupts; with the
    numbers Word shows."""
    numbers: list[int] = []
    parts = ["<html><body>"]
    number = draw(st.integers(1, 5))
    for _ in range(draw(st.integers(2, 4))):
        for _ in range(draw(st.integers(1, 3))):
            parts.append(
                '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1">'
                f"<![if !supportLists]><span>{number}.<span>&nbsp;&nbsp;</span></span>"
                f"<![endif]>Punkt {number}</p>"
            )
            numbers.append(number)
            number += 1
        parts.append("<p class=MsoNormal>Begründung dazwischen</p>")
    parts.append("</body></html>")
    return "".join(parts), numbers
