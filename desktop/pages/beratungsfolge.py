"""Beratungsfolge: which Gremien deliberate, in which role, when; order as entered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop.pages.rows import RowsPage, detail_stack
from desktop.widgets.fields import DateField, ErrorLabel, SearchCombo, set_placeholder
from forms.formatting import format_datum, parse_datum
from forms.labels import Section
from forms.model import Beratung, BeratungStatus
from forms.rules import Schwere


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
        set_placeholder(self.gremium, "Gremium suchen oder eingeben")
        self.gremium_hint = ErrorLabel(self, hint=True)
        b.combo_text(self.gremium, self.path("gremium"))
        form.addRow(
            self.label("Gre&mium:", self.gremium), detail_stack(self.gremium, self.gremium_hint)
        )

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
            self.label("Sitzungsd&atum:", self.datum),
            detail_stack(self.datum, self.datum.echo, self.datum_error),
        )

        # Geplant and Erledigt offered; any other status of the council system ("vertagt",
        # "abgesetzt") is typed or kept as it is (docs/domain.md §3).
        self.status = QComboBox(self)
        self.status.setEditable(True)
        self.status.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status.addItems([s.value for s in BeratungStatus])
        set_placeholder(self.status, "Geplant, Erledigt oder wie im Ratsinformationssystem")
        b.combo_text(self.status, self.path("status"))
        form.addRow("S&tatus:", self.status)

    def show_problems(self) -> None:
        super().show_problems()
        # Next to the field too: a typo in the Gremium should be seen where it is typed.
        index = self.current()
        path = f"beratungsfolge.{index}.gremium"
        found = self.document.problems() if index is not None else []
        self.gremium_hint.setText(
            "\n".join(p.message for p in found if p.field == path and p.schwere == Schwere.HINWEIS)
        )

    def new_row(self) -> Beratung:
        return Beratung()

    def cells(self, index: int, row: Beratung) -> list[str]:
        return [f"● {row.status}", format_datum(row.datum), row.gremium, row.rolle]

    def first_editor(self):
        return self.gremium
