"""German number and date formats (1.234,56 €; 18.10.2023), via babel."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

LOCALE = "de_DE"


class EingabeFehler(ValueError):
    """A value typed by the user cannot be read; the message is German and user-facing."""


def format_betrag(value: Decimal, *, vorzeichen: bool = False) -> str:
    """1234.5 → '1.234,50'; with vorzeichen a '+' or '−' (U+2212) is printed for non-zero values."""
    # babel imported on first use: not on the wizard's path to its first paint (issue 19).
    from babel.numbers import format_decimal

    text = format_decimal(abs(value), format="#,##0.00", locale=LOCALE)
    if value < 0:
        return "−" + text
    if vorzeichen and value > 0:
        return "+" + text
    return text


def format_euro(value: Decimal) -> str:
    return f"{format_betrag(value)} €"


_BETRAG_ZEICHEN = re.compile(r"^[0-9.,\s]+$")


def parse_betrag(text: str) -> Decimal:
    """Read an amount typed the German way: '1.234,56', '1234,5', '260.000'.

    Raises EingabeFehler with a German explanation for '1,234.56', letters, signs, etc.
    """
    raw = text.strip().removesuffix("€").removesuffix("EUR").strip().replace("\u00a0", "")
    if not raw:
        return Decimal(0)
    if raw.startswith(("-", "−")):
        raise EingabeFehler(
            "Beträge werden ohne Vorzeichen eingetragen; das Ergebnis wird berechnet."
        )
    if not _BETRAG_ZEICHEN.match(raw):
        raise EingabeFehler(f"„{text.strip()}“ ist kein Betrag. Beispiel: 1.234,56")
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        value = parse_decimal(raw.replace(" ", ""), locale=LOCALE, strict=True)
    except NumberFormatError as exc:
        raise EingabeFehler(
            f"„{text.strip()}“ ist nicht im deutschen Zahlenformat. "
            "Tausenderpunkt und Dezimalkomma verwenden, z. B. 1.234,56"
        ) from exc
    except InvalidOperation as exc:  # pragma: no cover - babel wraps most cases
        raise EingabeFehler(f"„{text.strip()}“ ist kein Betrag.") from exc
    from forms.model import MAX_BETRAG

    if value > MAX_BETRAG:
        raise EingabeFehler(
            f"„{text.strip()}“ ist unplausibel groß (höchstens {format_betrag(MAX_BETRAG)} €)."
        )
    if value != value.quantize(Decimal("0.01")):
        raise EingabeFehler(
            f"„{text.strip()}“ hat mehr als zwei Nachkommastellen "
            "(Tausender werden mit Punkt getrennt, z. B. 1.234)."
        )
    return value


def format_datum(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


_DATUM = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\s*$")
HEUTE = "heute"
WOCHENTAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def jahr_aus_zwei_stellen(jahr: int) -> int:
    """Two-digit years are years of this century: '22' → 2022, '99' → 2099.

    A Vorlage and its meetings are dated now or soon; nobody types a 20th-century date into it.
    """
    return 2000 + jahr


def parse_datum(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date as clerks type it: '18.10.2023', '1.2.2022', '01.02.22', '1.2.22', 'heute'.

    '' → None; '31.02.2025' → EingabeFehler. Two-digit years: see `jahr_aus_zwei_stellen`.
    """
    if not text.strip():
        return None
    if text.strip().lower() == HEUTE:
        return today or dt.date.today()
    match = _DATUM.match(text)
    if not match:
        raise EingabeFehler(
            f"„{text.strip()}“ ist kein Datum im Format TT.MM.JJJJ (z. B. 18.10.2023)."
        )
    tag, monat, jahr = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        jahr = jahr_aus_zwei_stellen(jahr)
    try:
        return dt.date(jahr, monat, tag)
    except ValueError as exc:
        raise EingabeFehler(f"Den {text.strip()} gibt es nicht im Kalender.") from exc


def datum_lang(value: dt.date) -> str:
    """'Dienstag, 01.02.2022': how the wizard confirms a typed date."""
    return f"{WOCHENTAGE[value.weekday()]}, {format_datum(value)}"
