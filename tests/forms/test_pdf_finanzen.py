"""Finance tables with non-zero numbers (docs/domain.md §6, FB 52/0019/WP18)."""

from __future__ import annotations

from decimal import Decimal

from forms.model import Deckung, Finanzen, Investiv, Konsumtiv, Spalten, Vorlage
from forms.pdf import render
from tests.forms.pdfutil import body_text, pages_text, squash


def _vorlage() -> Vorlage:
    v = Vorlage()
    v.grunddaten.vorlage_nr = "FB 52/0019/WP18"
    v.finanzen = Finanzen(
        auswirkungen=True,
        haushaltsjahr=2021,
        investiv=Investiv(
            auszahlungen=Spalten(
                ansatz=Decimal("260000"), ansatz_fortgeschrieben=Decimal("540289.51")
            ),
            deckung_jahr=Deckung.GEGEBEN,
        ),
        konsumtiv=Konsumtiv(
            ertrag=Spalten(ansatz_ff=Decimal("1000"), ansatz_ff_fortgeschrieben=Decimal("1500")),
            abschreibungen=Spalten(neu=Decimal("999999999999.99")),
            deckung_ff=Deckung.NICHT_AUSREICHEND,
        ),
    )
    return v


def _rows(data: bytes) -> list[str]:
    return [squash(ln) for page in pages_text(data) for ln in page.splitlines()]


def test_investive_numbers_ergebnis_and_verschlechterung() -> None:
    data = render(_vorlage())
    rows = _rows(data)
    assert "Auszahlungen 260.000,00 540.289,51 0,00 0,00 0,00 0,00" in rows
    assert "Ergebnis −260.000,00 −540.289,51 0,00 0,00 0,00 0,00" in rows
    text = body_text(data)
    assert "−280.289,51" in text  # Verschlechterung, spanning the 2021 column pair
    assert "Deckung ist gegeben" in text


def test_year_headings_replace_20xx() -> None:
    text = body_text(render(_vorlage()))
    for label in (
        "Ansatz 2021",
        "Fortgeschriebener Ansatz 2021",
        "Ansatz 2022 ff.",
        "Fortgeschriebener Ansatz 2022 ff.",
    ):
        assert label in text
    assert "20xx" not in text


def test_konsumtive_verbesserung_with_plus_and_deckung_choice() -> None:
    v = _vorlage()
    data = render(v)
    rows = _rows(data)
    veraenderung = v.finanzen.konsumtiv.veraenderung()
    assert veraenderung.ff == Decimal("500")
    text = body_text(data)
    assert "+500,00" in text
    assert "keine ausreichende Deckung vorhanden" in text
    # The unchosen pair keeps the template sentence with both alternatives.
    assert text.count("Deckung ist gegeben/ keine ausreichende Deckung vorhanden") == 2
    assert "Ertrag 0,00 0,00 1.000,00 1.500,00 0,00 0,00" in rows


def test_largest_amount_prints_in_full() -> None:
    text = body_text(render(_vorlage()))
    assert "999.999.999.999,99" in text
    assert "−999.999.999.999,99" in text  # its Ergebnis


def test_ja_box_ticked() -> None:
    page = next(p for p in pages_text(render(_vorlage())) if "NEIN" in p)
    lines = page.splitlines()
    i = next(i for i, ln in enumerate(lines) if "JA" in ln and "NEIN" in ln)
    tick = next(ln for ln in lines[i + 1 :] if ln.strip())
    assert tick.strip() == "x"
    assert tick.index("x") < lines[i].index("NEIN")
