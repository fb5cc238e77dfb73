"""Finance formulas of docs/domain.md §6, with the non-zero example of FB 52/0019/WP18."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from forms.model import Finanzen, Investiv, Konsumtiv, Spalten


def test_investiv_ergebnis_and_verschlechterung_fb52_example() -> None:
    investiv = Investiv(
        auszahlungen=Spalten(ansatz=Decimal("260000"), ansatz_fortgeschrieben=Decimal("540289.51"))
    )
    ergebnis = investiv.ergebnis()
    assert ergebnis["ansatz"] == Decimal("-260000")
    assert ergebnis["ansatz_fortgeschrieben"] == Decimal("-540289.51")
    assert investiv.veraenderung().jahr == Decimal("-280289.51")
    assert investiv.veraenderung().ff == 0


def test_investiv_einzahlungen_offset_auszahlungen_per_column() -> None:
    investiv = Investiv(
        einzahlungen=Spalten(ansatz_ff=Decimal("242000"), neu=Decimal("10")),
        auszahlungen=Spalten(ansatz_ff=Decimal("506600"), alt=Decimal("3")),
    )
    ergebnis = investiv.ergebnis()
    assert ergebnis == {
        "ansatz": 0,
        "ansatz_fortgeschrieben": 0,
        "ansatz_ff": Decimal("-264600"),
        "ansatz_ff_fortgeschrieben": 0,
        "alt": Decimal("-3"),
        "neu": Decimal("10"),
    }
    # Ansatz ff. got worse by 264.600 → the fortgeschriebener Ansatz (0) is an improvement.
    assert investiv.veraenderung().ff == Decimal("264600")


def test_konsumtiv_ergebnis_subtracts_aufwand_and_abschreibungen() -> None:
    konsumtiv = Konsumtiv(
        ertrag=Spalten(ansatz=Decimal("1000"), ansatz_fortgeschrieben=Decimal("1500")),
        personal_sachaufwand=Spalten(ansatz=Decimal("400"), ansatz_fortgeschrieben=Decimal("400")),
        abschreibungen=Spalten(ansatz=Decimal("100"), ansatz_fortgeschrieben=Decimal("350.25")),
    )
    assert konsumtiv.ergebnis()["ansatz"] == Decimal("500")
    assert konsumtiv.ergebnis()["ansatz_fortgeschrieben"] == Decimal("749.75")
    assert konsumtiv.veraenderung().jahr == Decimal("249.75")


def test_derived_rows_are_not_stored() -> None:
    dumped = Investiv(auszahlungen=Spalten(ansatz=Decimal(5))).model_dump(mode="json")
    assert "ergebnis" not in dumped
    assert "veraenderung" not in dumped


@pytest.mark.parametrize(
    ("jahr", "erwartet"), [(None, ("20xx", "20xx ff.")), (2025, ("2025", "2026 ff."))]
)
def test_budget_year_replaces_20xx(jahr: int | None, erwartet: tuple[str, str]) -> None:
    finanzen = Finanzen(haushaltsjahr=jahr)
    assert (finanzen.jahr_text(), finanzen.jahr_text(folgejahre=True)) == erwartet


@pytest.mark.parametrize("betrag", ["-1", "1000000000000", "1.234", "abc"])
def test_amounts_are_positive_bounded_with_cents(betrag: str) -> None:
    with pytest.raises(ValidationError):
        Spalten(ansatz=betrag)
