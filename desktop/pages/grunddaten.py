"""Grunddaten: Vorlageart, Nr., Betreff, Status, Federführend, Beteiligt, Verfasst von, Datum."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import Page
from desktop.widgets.fields import DateField, ErrorLabel, SearchCombo, set_placeholder
from forms.formatting import format_datum, parse_datum
from forms.labels import Section
from forms.model import Sichtbarkeit
from forms.rules import Schwere


class GrunddatenPage(Page):
    step = Section.GRUNDDATEN
    intro = (
        "Die Angaben des Deckblatts. Pflichtangaben: Vorlageart, Betreff, Federführend, "
        "Verfasst von."
    )

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        profile = self.profile
        form = self.form()
        b = self.binder

        self.vorlageart = QComboBox(self)
        self.vorlageart.setEditable(True)
        self.vorlageart.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.vorlageart.addItems([a.name for a in profile.vorlagearten])
        b.combo_text(self.vorlageart, "grunddaten.vorlageart")
        form.addRow("&Vorlageart:", self.vorlageart)

        self.vorlage_nr = QLineEdit(self)
        self.vorlage_nr.setPlaceholderText(f"z. B. {profile.vorlage_nr.beispiel}")
        self.vorlage_nr_hint = QLabel(self)
        self.vorlage_nr_hint.setObjectName("hintLabel")
        self.vorlage_nr_hint.setWordWrap(True)
        b.line_edit(self.vorlage_nr, "grunddaten.vorlage_nr")
        self.vorlage_nr.textChanged.connect(self._nr_hint)
        form.addRow(
            self.label("Vorlage-&Nr.:", self.vorlage_nr),
            _stack(self.vorlage_nr, self.vorlage_nr_hint),
        )

        self.betreff = QPlainTextEdit(self)
        self.betreff.setTabChangesFocus(True)
        self.betreff.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.betreff.setPlaceholderText("Worum geht es? (bis zu drei Zeilen)")
        b.plain_text(self.betreff, "grunddaten.betreff")
        form.addRow("&Betreff:", self.betreff)

        status_row = QWidget(self)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        self.sichtbarkeit = QComboBox(self)
        for s in Sichtbarkeit:
            self.sichtbarkeit.addItem(s.value, s.value)
        b.combo_data(self.sichtbarkeit, "grunddaten.status.sichtbarkeit")
        self.workflow = QComboBox(self)
        self.workflow.setEditable(True)
        self.workflow.addItem("")
        self.workflow.addItems(list(profile.status_workflow))
        set_placeholder(self.workflow, "Bearbeitungsstand (optional)")
        self.workflow.setAccessibleName("Bearbeitungsstand")
        b.combo_text(self.workflow, "grunddaten.status.workflow")
        status_layout.addWidget(self.sichtbarkeit)
        status_layout.addWidget(self.workflow, 1)
        form.addRow(self.label("&Status:", self.sichtbarkeit), status_row)

        self.federfuehrend = SearchCombo([d.anzeige() for d in profile.dienststellen], self)
        hinweise = profile.hinweise
        set_placeholder(
            self.federfuehrend, f"Kürzel oder Name eingeben, z. B. {hinweise.dienststelle}"
        )
        self.federfuehrend_error = ErrorLabel(self)
        self.federfuehrend_hint = ErrorLabel(self, hint=True)
        b.combo_text(
            self.federfuehrend,
            "grunddaten.federfuehrend",
            parse=profile.dienststelle_from_text,
            fmt=lambda d: d.anzeige() if d is not None else "",
            error=self.federfuehrend_error,
        )
        form.addRow(
            self.label("&Federführend:", self.federfuehrend),
            _stack(self.federfuehrend, self.federfuehrend_error, self.federfuehrend_hint),
        )

        self.beteiligt = QListWidget(self)
        self.beteiligt.setObjectName("beteiligtList")
        self.beteiligt.setMaximumHeight(150)
        self.beteiligt.itemChanged.connect(self._beteiligt_changed)
        self.beteiligt_neu = QLineEdit(self)
        self.beteiligt_neu.setPlaceholderText("Weitere Dienststelle, z. B. Dezernat II")
        self.beteiligt_neu.setAccessibleName("Weitere beteiligte Dienststelle")
        self.beteiligt_neu.setAccessibleDescription("Mit der Eingabetaste hinzufügen")
        self.beteiligt_add = QPushButton("&Hinzufügen", self)
        self.beteiligt_add.clicked.connect(self._beteiligt_add)
        self.beteiligt_neu.returnPressed.connect(self._beteiligt_add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.beteiligt_neu, 1)
        add_row.addWidget(self.beteiligt_add)
        beteiligt_box = QWidget(self)
        beteiligt_layout = QVBoxLayout(beteiligt_box)
        beteiligt_layout.setContentsMargins(0, 0, 0, 0)
        beteiligt_layout.addWidget(self.beteiligt)
        beteiligt_layout.addLayout(add_row)
        form.addRow(self.label("Be&teiligt:", self.beteiligt), beteiligt_box)
        self._filling = False

        self.verfasst_von = QLineEdit(self)
        self.verfasst_von.setPlaceholderText(
            f"Organisationseinheit oder Person, z. B. {hinweise.verfasst_von}"
        )
        b.line_edit(self.verfasst_von, "grunddaten.verfasst_von")
        form.addRow("Verfasst v&on:", self.verfasst_von)

        self.datum = DateField(self)
        self.datum_error = ErrorLabel(self)
        b.line_edit(
            self.datum,
            "grunddaten.datum",
            parse=parse_datum,
            fmt=format_datum,
            error=self.datum_error,
        )
        form.addRow(
            self.label("Dat&um:", self.datum), _stack(self.datum, self.datum.echo, self.datum_error)
        )

        self.aktenzeichen = QLineEdit(self)
        self.aktenzeichen.setPlaceholderText("meist leer")
        b.line_edit(self.aktenzeichen, "grunddaten.aktenzeichen")
        form.addRow("&AZ:", self.aktenzeichen)

        self.unterschrift = QPlainTextEdit(self)
        self.unterschrift.setTabChangesFocus(True)
        self.unterschrift.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 16)
        self.unterschrift.setPlaceholderText(f"z. B. {hinweise.unterschrift}")
        b.plain_text(self.unterschrift, "grunddaten.unterschrift")
        form.addRow("Unterschr&ift:", self.unterschrift)

        self.layout_.addLayout(form)
        self.layout_.addStretch(1)

    def _nr_hint(self) -> None:
        text = self.vorlage_nr.text().strip()
        fmt = self.profile.vorlage_nr
        if not text:
            self.vorlage_nr_hint.setText(
                f"Wird vom Ratsinformationssystem vergeben. Format: {fmt.erklaerung}"
            )
            self.vorlage_nr_hint.setProperty("state", "")
        elif fmt.passt(text):
            self.vorlage_nr_hint.setText("✓ Format passt.")
            self.vorlage_nr_hint.setProperty("state", "ok")
        else:
            self.vorlage_nr_hint.setText(f"Format passt nicht. Erwartet: {fmt.erklaerung}")
            self.vorlage_nr_hint.setProperty("state", "warn")
        self.vorlage_nr_hint.style().unpolish(self.vorlage_nr_hint)
        self.vorlage_nr_hint.style().polish(self.vorlage_nr_hint)

    # -- Beteiligt: catalogue entries as check boxes, free entries appended -----------------
    def _fill_beteiligt(self) -> None:
        self._filling = True
        try:
            self.beteiligt.clear()
            chosen = [d.anzeige() for d in self.document.vorlage.grunddaten.beteiligt]
            catalogue = [d.anzeige() for d in self.profile.dienststellen]
            for text in catalogue + [c for c in chosen if c not in catalogue]:
                item = QListWidgetItem(text, self.beteiligt)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if text in chosen else Qt.CheckState.Unchecked
                )
        finally:
            self._filling = False

    def _beteiligt_changed(self, _item=None) -> None:
        if self._filling:
            return
        chosen = [
            self.profile.dienststelle_from_text(self.beteiligt.item(i).text())
            for i in range(self.beteiligt.count())
            if self.beteiligt.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.document.set("grunddaten.beteiligt", chosen)

    def _beteiligt_add(self) -> None:
        text = self.beteiligt_neu.text().strip()
        if not text:
            return
        found = self.beteiligt.findItems(text, Qt.MatchFlag.MatchExactly)
        if found:
            found[0].setCheckState(Qt.CheckState.Checked)
        else:
            item = QListWidgetItem(text, self.beteiligt)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.beteiligt_neu.clear()

    def reload(self) -> None:
        super().reload()
        self._fill_beteiligt()
        self._nr_hint()

    def show_problems(self) -> None:
        super().show_problems()
        # Next to the field too: a typo in Federführend should be seen where it is typed.
        found = self.document.problems()
        self.federfuehrend_hint.setText(
            "\n".join(
                p.message
                for p in found
                if p.field == "grunddaten.federfuehrend" and p.schwere == Schwere.HINWEIS
            )
        )

    def focus_field(self, field: str) -> bool:
        if field.startswith("grunddaten.beteiligt"):
            self.beteiligt.setFocus()
            return True
        return super().focus_field(field)


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    for w in widgets:
        layout.addWidget(w)
    return box
