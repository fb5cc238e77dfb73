from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms.formatting import (
    EingabeFehler,
    datum_lang,
    format_betrag,
    format_datum,
    format_euro,
    parse_betrag,
    parse_datum,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234.56"), "1.234,56"),
        (Decimal("0"), "0,00"),
        (Decimal("1825900"), "1.825.900,00"),
        (Decimal("-280289.51"), "−280.289,51"),
    ],
)
def test_format_betrag_german(value: Decimal, text: str) -> None:
    assert format_betrag(value) == text


def test_format_with_sign_and_euro() -> None:
    assert format_betrag(Decimal("12.5"), vorzeichen=True) == "+12,50"
    assert format_betrag(Decimal("0"), vorzeichen=True) == "0,00"
    assert format_euro(Decimal("1825900")) == "1.825.900,00 €"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("260.000", Decimal("260000")),
        ("540289,51", Decimal("540289.51")),
        ("  12 € ", Decimal("12")),
        ("", Decimal(0)),
    ],
)
def test_parse_betrag_accepts_german_input(text: str, value: Decimal) -> None:
    assert parse_betrag(text) == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1,234.56", "deutschen Zahlenformat"),
        ("-5", "ohne Vorzeichen"),
        ("zwölf", "kein Betrag"),
        ("1,234", "mehr als zwei Nachkommastellen"),
    ],
)
def test_parse_betrag_explains_bad_input(text: str, fragment: str) -> None:
    with pytest.raises(EingabeFehler, match=fragment):
        parse_betrag(text)


def test_dates_round_trip_in_german_format() -> None:
    assert format_datum(dt.date(2023, 10, 18)) == "18.10.2023"
    assert parse_datum("18.10.2023") == dt.date(2023, 10, 18)
    assert parse_datum(" ") is None


@pytest.mark.parametrize(
    ("text", "fragment"), [("31.02.2025", "gibt es nicht"), ("2025-02-01", "TT.MM.JJJJ")]
)
def test_parse_datum_rejects_invalid_dates(text: str, fragment: str) -> None:
    with pytest.raises(EingabeFehler, match=fragment):
        parse_datum(text)


@pytest.mark.parametrize("text", ["1.2.22", "01.02.22", "1.2.2022", "01.02.2022", " 1.2.22 "])
def test_dates_as_clerks_type_them(text: str) -> None:
    assert parse_datum(text) == dt.date(2022, 2, 1)


def test_two_digit_years_are_this_century_and_heute_is_today() -> None:
    assert parse_datum("31.12.99") == dt.date(2099, 12, 31)
    assert parse_datum("1.1.00") == dt.date(2000, 1, 1)
    assert parse_datum("heute", today=dt.date(2026, 12, 2)) == dt.date(2026, 12, 2)
    assert parse_datum("Heute") == dt.date.today()
    assert datum_lang(dt.date(2022, 2, 1)) == "Dienstag, 01.02.2022"
