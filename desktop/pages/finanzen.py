"""Finanzielle Auswirkungen: JA/NEIN, Haushaltsjahr, the investive and konsumtive grids.

Amounts are typed the German way and checked per keystroke; Ergebnis and
Verbesserung/Verschlechterung come from the model's methods and are never typed.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import Page
from desktop.widgets.deckung import DeckungBox
from desktop.widgets.fields import ErrorCollector, ErrorLabel, ProblemLabel
from forms.formatting import EingabeFehler, format_betrag, parse_betrag
from forms.labels import FIELD_LABELS, Section
from forms.model import SPALTEN

TABELLEN = {
    "investiv": ("Investive Auswirkungen", ("einzahlungen", "auszahlungen"), "Gesamtbedarf"),
    "konsumtiv": (
        "konsumtive Auswirkungen",
        ("ertrag", "personal_sachaufwand", "abschreibungen"),
        "Folgekosten",
    ),
}


def _parse_jahr(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise EingabeFehler(f"„{text}“ ist kein Jahr; bitte vierstellig eingeben, z. B. 2026.")
    return int(text)


class FinanzenPage(Page):
    step = Section.FINANZEN
    section_problems = False
    intro = (
        "Beträge ohne Vorzeichen eingeben (z. B. 260.000 oder 540.289,51). Ergebnis und "
        "Verbesserung/Verschlechterung werden berechnet. Die Tabellen werden auch bei NEIN "
        "gedruckt."
    )

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        b = self.binder
        top = QHBoxLayout()
        top.addWidget(QLabel("Finanzielle Auswirkungen:", self))
        self.ja = QRadioButton("&JA", self)
        self.nein = QRadioButton("&NEIN", self)
        self.ja.setAccessibleName("Finanzielle Auswirkungen: JA")
        self.nein.setAccessibleName("Finanzielle Auswirkungen: NEIN")
        self.group = QButtonGroup(self)
        self.group.addButton(self.ja)
        self.group.addButton(self.nein)
        top.addWidget(self.ja)
        top.addWidget(self.nein)
        top.addSpacing(30)

        def read_ja() -> bool | None:
            if self.ja.isChecked():
                return True
            if self.nein.isChecked():
                return False
            return None

        def write_ja(value: bool | None) -> None:
            self.group.setExclusive(False)
            self.ja.setChecked(value is True)
            self.nein.setChecked(value is False)
            self.group.setExclusive(True)

        b.custom(self.ja, "finanzen.auswirkungen", self.group.buttonToggled, read_ja, write_ja)
        jahr_label = QLabel("&Haushaltsjahr:", self)
        top.addWidget(jahr_label)
        self.haushaltsjahr = QLineEdit(self)
        self.haushaltsjahr.setPlaceholderText("z. B. 2026")
        self.haushaltsjahr.setMaximumWidth(90)
        jahr_label.setBuddy(self.haushaltsjahr)
        self.jahr_error = ErrorLabel(self)
        b.line_edit(
            self.haushaltsjahr,
            "finanzen.haushaltsjahr",
            parse=_parse_jahr,
            fmt=lambda v: "" if v is None else str(v),
            error=self.jahr_error,
        )
        top.addWidget(self.haushaltsjahr)
        top.addStretch(1)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.jahr_error)
        self.status_label = ProblemLabel(self)
        self.layout_.addWidget(self.status_label)

        self.tables = QWidget(self)
        tables_layout = QVBoxLayout(self.tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        self.cells: dict[str, QLineEdit] = {}
        self.ergebnis: dict[str, dict[str, QLabel]] = {}
        self.veraenderung: dict[str, tuple[QLabel, QLabel]] = {}
        self.deckung: dict[str, tuple[QComboBox, QComboBox]] = {}
        self.headings: dict[str, list[QLabel]] = {}
        self.grids: list[QGridLayout] = []
        for name in TABELLEN:
            tables_layout.addWidget(self._table(name))
        self.layout_.addWidget(self.tables)
        # Narrower page margins: the seven grid columns should fit a 1024 px screen.
        self.layout_.setContentsMargins(12, 6, 12, 18)
        self.layout_.addStretch(1)

    def _table(self, name: str) -> QGroupBox:
        titel, zeilen, summe = TABELLEN[name]
        box = QGroupBox(titel, self)
        box.setObjectName(f"{name}Box")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(4)
        grid.setContentsMargins(2, 4, 2, 4)  # the group box has its own padding
        grid.setVerticalSpacing(4)
        self.headings[name] = []
        for c in range(6):
            heading = QLabel(self)
            heading.setObjectName("columnHeading")
            heading.setWordWrap(True)
            heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            heading.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(heading, 0, c + 1)
            grid.setColumnStretch(c + 1, 1)
            self.headings[name].append(heading)
        self.headings[name][4].setProperty("fixed", f"{summe} (alt)")
        self.headings[name][5].setProperty("fixed", f"{summe} (neu)")
        errors = ErrorCollector(ErrorLabel(self))
        row = 1
        for zeile in zeilen:
            label = QLabel(FIELD_LABELS[zeile], self)
            label.setWordWrap(True)  # "Personal-/ Sachaufwand" on two lines in a narrow window
            grid.addWidget(label, row, 0)
            for c, spalte in enumerate(SPALTEN):
                cell = QLineEdit(self)
                cell.setObjectName(f"{name}.{zeile}.{spalte}")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                cell.setPlaceholderText("0,00")
                # Six columns must fit a 1024 px window; the text is short anyway.
                cell.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                path = f"finanzen.{name}.{zeile}.{spalte}"
                binding = self.binder.line_edit(
                    cell,
                    path,
                    parse=parse_betrag,
                    fmt=lambda v: "" if not v else format_betrag(v),
                    error=errors.for_field(functools.partial(self._cell_name, path)),
                )
                cell.editingFinished.connect(lambda b=binding: self._reformat(b))
                # A rejected keystroke leaves the model as it was: mark the results stale.
                cell.textEdited.connect(self._show_results)
                cell.textChanged.connect(self._fit_columns)
                if c == 0:
                    label.setBuddy(cell)
                grid.addWidget(cell, row, c + 1)
                self.cells[path] = cell
            row += 1
        ergebnis_label = QLabel("<b>Ergebnis</b>", self)
        grid.addWidget(ergebnis_label, row, 0)
        self.ergebnis[name] = {}
        for c, spalte in enumerate(SPALTEN):
            value = QLabel(self)
            value.setObjectName("computed")
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setToolTip("Berechnet: " + _formel(name))
            grid.addWidget(value, row, c + 1)
            self.ergebnis[name][spalte] = value
        row += 1
        grid.addWidget(QLabel("+ Verbesserung /\n- Verschlechterung", self), row, 0)
        pair = []
        for c in (1, 3):
            value = QLabel(self)
            value.setObjectName("computed")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setToolTip("Berechnet: Ergebnis Fortgeschriebener Ansatz − Ergebnis Ansatz")
            grid.addWidget(value, row, c, 1, 2)
            pair.append(value)
        self.veraenderung[name] = (pair[0], pair[1])
        row += 1
        deckung_label = QLabel("Deckung:", self)
        grid.addWidget(deckung_label, row, 0)
        combos = []
        for c, feld in ((1, "deckung_jahr"), (3, "deckung_ff")):
            combo = DeckungBox(self)
            combo.setObjectName(f"{name}.{feld}")
            combo.setAccessibleName(f"{titel}: {FIELD_LABELS[feld]}")
            self.binder.combo_data(combo, f"finanzen.{name}.{feld}")
            grid.addWidget(combo, row, c, 1, 2)
            combos.append(combo)
        deckung_label.setBuddy(combos[0])
        self.deckung[name] = (combos[0], combos[1])
        row += 1
        grid.addWidget(errors.label, row, 0, 1, 7)
        # Same first column in both tables, so their amount columns line up; the row labels
        # wrap, the longest word ("- Verschlechterung") sets the width.
        words = ["- Verschlechterung"]
        for zeilen_ in (t[1] for t in TABELLEN.values()):
            words += [w for z in zeilen_ for w in FIELD_LABELS[z].split()]
        widest = max(self.fontMetrics().horizontalAdvance(w) for w in words)
        grid.setColumnMinimumWidth(0, widest + 8)
        self.grids.append(grid)
        return box

    def _cell_name(self, path: str) -> str:
        return self.cells[path].accessibleName()

    def _fit_columns(self) -> None:
        """Each amount column as wide as its longest number, sign included, in both tables.

        No figure may be cut ("1.234.567," for 1.234.567,89); when the columns no longer fit
        the window, the page scrolls sideways instead.
        """
        metrics = self.fontMetrics()
        for c, spalte in enumerate(SPALTEN):
            amounts = [AMOUNT_FLOOR]  # typed cells: text plus the cell's padding
            widths = []  # results (labels with their own padding) and heading words
            for name in TABELLEN:
                amounts += [t.text() for p, t in self.cells.items() if p.endswith(f".{spalte}")]
                widths.append(self.ergebnis[name][spalte].sizeHint().width())
                heading = self.headings[name][c]
                # A heading wraps between words and abbreviates "Fortgeschriebener".
                widths += [
                    heading.fontMetrics().horizontalAdvance(word)
                    for word in _abbreviated(heading.toolTip()).split()
                ]
            typed = max(metrics.horizontalAdvance(t) for t in amounts) + CELL_PADDING
            need = max(typed, *widths)
            for grid in self.grids:
                if grid.columnMinimumWidth(c + 1) != need:
                    grid.setColumnMinimumWidth(c + 1, need)

    def _fit_headings(self) -> None:
        """In a narrow window "Fortgeschriebener" does not fit a column: abbreviate it there."""
        for headings in self.headings.values():
            for heading in headings:
                full = heading.toolTip()
                word = max(full.split(), key=heading.fontMetrics().horizontalAdvance, default="")
                too_wide = heading.fontMetrics().horizontalAdvance(word) > heading.width()
                short = _abbreviated(full)
                heading.setText(short if too_wide else full)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_headings()

    def _reformat(self, binding) -> None:
        cell = binding.widget
        try:
            value = parse_betrag(cell.text())
        except EingabeFehler:
            return
        with self.binder.quiet():  # a display change, not an edit
            cell.setText("" if not value else format_betrag(value))

    def refresh(self) -> None:
        f = self.document.vorlage.finanzen
        jahr, ff = f.jahr_text(), f.jahr_text(folgejahre=True)
        texts = [
            f"Ansatz {jahr}",
            f"Fortgeschriebener Ansatz {jahr}",
            f"Ansatz {ff}",
            f"Fortgeschriebener Ansatz {ff}",
        ]
        for name in TABELLEN:
            for heading, text in zip(self.headings[name], texts, strict=False):
                heading.setText(text)
                heading.setToolTip(text)
            for heading in self.headings[name][4:]:
                heading.setText(heading.property("fixed"))
                heading.setToolTip(heading.property("fixed"))
        self._name_cells()
        self._show_results()
        self._fit_headings()
        self._fit_columns()
        self.tables.setEnabled(f.auswirkungen is not False)
        found = [p for p in self.document.problems() if p.section == Section.FINANZEN]
        self.status_label.set_problems(found)

    def _name_cells(self) -> None:
        """Screen readers announce a cell by its row and column: "Auszahlungen, Ansatz 2026"."""
        for path, cell in self.cells.items():
            _, name, zeile, spalte = path.split(".")
            heading = self.headings[name][SPALTEN.index(spalte)].toolTip()
            cell.setAccessibleName(f"{FIELD_LABELS[zeile]}, {heading}")
        for name, labels in self.ergebnis.items():
            for spalte, label in labels.items():
                heading = self.headings[name][SPALTEN.index(spalte)].toolTip()
                label.setAccessibleDescription(f"Ergebnis {TABELLEN[name][0]}, {heading}")

    def _stale(self, name: str) -> set[str]:
        """Columns of a table with a typed amount that could not be read."""
        prefix = f"finanzen.{name}."
        return {p.rpartition(".")[2] for p in self.binder.invalid if p.startswith(prefix)}

    def _show_results(self) -> None:
        """Ergebnis and Verbesserung/Verschlechterung; a column whose input is unreadable
        shows "nicht berechenbar" instead of a result from a value no longer in the field."""
        f = self.document.vorlage.finanzen
        for name, tabelle in (("investiv", f.investiv), ("konsumtiv", f.konsumtiv)):
            stale = self._stale(name)
            for spalte, value in tabelle.ergebnis().items():
                label = self.ergebnis[name][spalte]
                _set_result(label, None if spalte in stale else value)
            veraenderung = tabelle.veraenderung()
            pairs = (
                (veraenderung.jahr, {"ansatz", "ansatz_fortgeschrieben"}),
                (veraenderung.ff, {"ansatz_ff", "ansatz_ff_fortgeschrieben"}),
            )
            for label, (value, spalten) in zip(self.veraenderung[name], pairs, strict=True):
                _set_result(label, None if stale & spalten else value, vorzeichen=True)


# Columns are never narrower than this figure needs (five digits and a sign); wider figures
# widen their column.
AMOUNT_FLOOR = "−99.999,99"


def _abbreviated(heading: str) -> str:
    return heading.replace("Fortgeschriebener", "Fortgeschr.")


# Padding, border and Qt's text margin of a cell (style.py: padding 4px 6px, 1 px border).
CELL_PADDING = 2 * 6 + 2 * 1 + 2 * 2

NICHT_BERECHENBAR = "nicht berechenbar"
STALE_TIP = "Nicht berechenbar, solange ein Betrag dieser Spalte nicht gelesen werden kann."


def _set_result(label: QLabel, value: Decimal | None, *, vorzeichen: bool = False) -> None:
    """Show a computed amount; None: not computable (a dash, said in words to screen readers)."""
    if label.property("formula") is None:
        label.setProperty("formula", label.toolTip())
    if value is None:
        label.setText("—")
        label.setAccessibleName(NICHT_BERECHENBAR)
        label.setToolTip(STALE_TIP)
        sign = "stale"
    else:
        label.setText(format_betrag(value, vorzeichen=vorzeichen))
        label.setAccessibleName("")
        label.setToolTip(label.property("formula"))
        # Only the change row is coloured (red for a Verschlechterung).
        sign = "" if not vorzeichen else "neg" if value < 0 else "pos" if value > 0 else ""
    if label.property("sign") != sign:
        label.setProperty("sign", sign)
        label.style().unpolish(label)
        label.style().polish(label)


def _formel(name: str) -> str:
    if name == "investiv":
        return "Einzahlungen − Auszahlungen"
    return "Ertrag − Personal-/Sachaufwand − Abschreibungen"
