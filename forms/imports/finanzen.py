"""Filling the finance part of a draft from read cells (shared by page text and PDF)."""

from __future__ import annotations

from decimal import Decimal

from forms.formatting import EingabeFehler, parse_betrag
from forms.imports.report import Sammler
from forms.imports.values import deckung
from forms.labels import field_label
from forms.model import Deckung, Spalten

INVESTIV_ROWS = {"einzahlungen": "einzahlungen", "auszahlungen": "auszahlungen"}
KONSUMTIV_ROWS = {
    "ertrag": "ertrag",
    "personal-/ sachaufwand": "personal_sachaufwand",
    "abschreibungen": "abschreibungen",
}


def fill_table(s: Sammler, kind: str, rows: dict[str, list[str]]) -> None:
    """`rows`: normalised row label → its six amount cells; "deckung" → the Deckung cells;
    "ergebnis" → the printed result (checked against the computed one, never taken)."""
    target = getattr(s.v.finanzen, kind)
    row_fields = INVESTIV_ROWS if kind == "investiv" else KONSUMTIV_ROWS
    for label, name in row_fields.items():
        cells = rows.get(label)
        if cells is None:
            s.missing(f"{field_label(('finanzen', kind, name))}: Zeile nicht gefunden.")
            continue
        values: dict[str, Decimal] = {}
        for column, cell in zip(Spalten.model_fields, cells, strict=False):
            try:
                values[column] = parse_betrag(cell)
            except EingabeFehler as exc:
                s.missing(f"{field_label(('finanzen', kind, name, column))}: {exc}")
        if len(cells) < 6:
            s.missing(f"{field_label(('finanzen', kind, name))}: nur {len(cells)} von 6 Beträgen.")
        spalten = s.make(Spalten, f"finanzen.{kind}.{name}", **values)
        if spalten is not None:
            s.set(target, name, spalten, f"finanzen.{kind}.{name}")
    cells = rows.get("deckung")
    if cells:
        for attr, cell in zip(("deckung_jahr", "deckung_ff"), cells, strict=False):
            value = deckung(cell)
            setattr(target, attr, value)
            if value is not Deckung.NICHT_ANGEGEBEN:
                s.filled(f"finanzen.{kind}.{attr}")
    computed = target.ergebnis()
    shown = rows.get("ergebnis")
    if shown:
        for column, cell in zip(Spalten.model_fields, shown, strict=False):
            try:
                page_value = parse_betrag(cell.lstrip("-−+").strip())
            except EingabeFehler:
                continue
            if page_value != abs(computed[column]):
                s.hint(
                    f"{field_label(('finanzen', kind))}: das Ergebnis auf der Seite "
                    f"({cell}) weicht von der Berechnung ab; das Programm rechnet neu."
                )
                break


def set_haushaltsjahr(s: Sammler, years: set[tuple[str, int]]) -> None:
    """The Haushaltsjahr from the table headings' years ("Ansatz 2025", "Ansatz 2026 ff.")."""
    f = s.v.finanzen
    jahre = {y for k, y in years if k == "jahr"}
    ff = {y for k, y in years if k == "ff"}
    if len(jahre) == 1:
        if not s.set(f, "haushaltsjahr", next(iter(jahre)), "finanzen.haushaltsjahr"):
            return
        assert f.haushaltsjahr is not None
        if ff and ff != {f.haushaltsjahr + 1}:
            s.hint(
                f"Die Folgejahre beginnen auf der Seite mit {min(ff)}, nicht mit "
                f"{f.haushaltsjahr + 1}; gedruckt wird „{f.jahr_text(True)}“."
            )
    elif len(jahre) > 1:
        s.missing(
            "Haushaltsjahr: die Tabellen nennen verschiedene Jahre "
            f"({', '.join(str(y) for y in sorted(jahre))})."
        )
    elif ff:
        s.missing(f"Haushaltsjahr: nur die Folgejahre sind genannt ({min(ff)} ff.).")
    else:
        s.hint("Haushaltsjahr: die Seite nennt nur „20xx“; bitte im Assistenten eintragen.")
