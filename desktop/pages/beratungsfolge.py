"""Beratungsfolge: which Gremien deliberate, in which role, when; order as entered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop.pages.rows import RowsPage, detail_stack
from desktop.widgets.fields import DateField, ErrorLabel, SearchCombo
from forms.formatting import format_datum, parse_datum
from forms.labels import Section
from forms.model import Beratung, BeratungStatus


class BeratungsfolgePage(RowsPage):
    step = Section.BERATUNGSFOLGE
    intro = (
        "Die Gremien in der Reihenfolge der Beratung. Die Reihenfolge bleibt so, wie sie hier "
        "steht – auch wenn die Daten nicht chronologisch sind."
    )
    list_attr = "beratungsfolge"
    columns = ("Status", "Datum", "Gremium", "Zuständigkeit")
    detail_title = "Ausgewählte Beratung"
    stretch_column = 2
    empty_text = "Noch kein Gremium eingetragen. Mit „Hinzufügen“ (Alt+H) eine Beratung anlegen."

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        b = self.binder
        form = self.detail_form
        self.gremium = SearchCombo([g.name for g in self.profile.gremien], self)
        self.gremium.lineEdit().setPlaceholderText("Gremium suchen oder eingeben")
        b.combo_text(self.gremium, self.path("gremium"))
        form.addRow("Gre&mium:", self.gremium)

        self.rolle = QComboBox(self)
        self.rolle.setEditable(True)
        self.rolle.addItem("")
        self.rolle.addItems([r.name for r in self.profile.rollen])
        b.combo_text(self.rolle, self.path("rolle"))
        form.addRow("Zu&ständigkeit:", self.rolle)

        self.datum = DateField(self)
        self.datum_error = ErrorLabel(self)
        b.line_edit(
            self.datum,
            self.path("datum"),
            parse=parse_datum,
            fmt=format_datum,
            error=self.datum_error,
        )
        form.addRow(
            self.label("Sitzungsd&atum:", self.datum), detail_stack(self.datum, self.datum_error)
        )

        self.status = QComboBox(self)
        for s in BeratungStatus:
            self.status.addItem(s.value, s.value)
        b.combo_data(self.status, self.path("status"))
        form.addRow("S&tatus:", self.status)

    def new_row(self) -> Beratung:
        return Beratung()

    def cells(self, index: int, row: Beratung) -> list[str]:
        return [f"● {row.status.value}", format_datum(row.datum), row.gremium, row.rolle]

    def first_editor(self):
        return self.gremium
