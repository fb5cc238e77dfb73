"""Hypothesis strategies for whole Vorlagen: arbitrary Unicode in every text field, arbitrary
two-place Decimals in every amount, 0–30 Beratungsfolge rows, Markdown-like rich text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
        status=st.sampled_from(BeratungStatus),
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
