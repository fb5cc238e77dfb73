"""Klimarelevanz: the form's questions with their exact wording, as radio groups.

Which questions apply comes from `forms.flow.klima_nicht_anwendbar`; a question that does not
apply is disabled and says why. Problems from `rules` are shown under their question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from desktop.pages.auswirkungen import PATH as AUSWIRKUNGEN
from desktop.pages.auswirkungen import WeitereAuswirkungen
from desktop.pages.base import Page
from desktop.widgets.fields import ProblemLabel
from forms.flow import KLIMA_FRAGEN, klima_nicht_anwendbar
from forms.labels import FIELD_LABELS, Section


class Frage(QFrame):
    def __init__(self, key: str, parent: Page) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("klimaFrage")
        texte = parent.profile.klimarelevanz.fragen[key]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        self.frage = QLabel(texte.frage, self)
        self.frage.setObjectName("frageLabel")
        self.frage.setWordWrap(True)
        layout.addWidget(self.frage)
        options = QGridLayout()
        options.setHorizontalSpacing(18)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        vertical = bool(texte.schwellen)
        for i, (value, text) in enumerate(texte.optionen.items()):
            if value in texte.schwellen:
                text = f"{text} = {texte.schwellen[value]}"
            button = QRadioButton(text, self)
            button.setObjectName(f"{key}:{value}")
            # Several questions offer "positiv" or "gering": the name says which question.
            button.setAccessibleName(f"{FIELD_LABELS[key]}: {text}")
            self.group.addButton(button)
            self.buttons[value] = button
            if vertical:
                options.addWidget(button, i, 0)
            else:
                options.addWidget(button, 0, i)
        self.clear_button = QPushButton("Auswahl aufheben", self)
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setFlat(True)
        self.clear_button.setAccessibleName(f"Auswahl aufheben: {FIELD_LABELS[key]}")
        self.clear_button.clicked.connect(self.clear)
        self.reason = QLabel(self)
        self.reason.setObjectName("hintLabel")
        self.problem = ProblemLabel(self)
        stretch = options.columnCount()
        # In the last row: Tab reaches it after the options, as the eye does.
        last_row = options.rowCount() - 1
        options.addWidget(self.clear_button, last_row, stretch + 1, Qt.AlignmentFlag.AlignRight)
        options.setColumnStretch(stretch, 1)
        layout.addLayout(options)
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)

    def value(self) -> str | None:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_value(self, value: str | None) -> None:
        self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key == value)
        self.group.setExclusive(True)

    def clear(self) -> None:
        self.set_value(None)
        self.group.buttonToggled.emit(next(iter(self.buttons.values())), False)


class KlimarelevanzPage(Page):
    step = Section.KLIMARELEVANZ
    section_problems = False

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        texte = self.profile.klimarelevanz
        heading = QLabel(texte.ueberschrift, self)
        heading.setObjectName("klimaHeading")
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        self.fragen: dict[str, Frage] = {}
        for key in KLIMA_FRAGEN:
            frage_texte = texte.fragen[key]
            if frage_texte.block:
                block = QLabel(frage_texte.block, self)
                block.setObjectName("blockLabel")
                self.layout_.addWidget(block)
            if frage_texte.hinweis:
                hinweis = QLabel(frage_texte.hinweis, self)
                hinweis.setObjectName("hintLabel")
                hinweis.setWordWrap(True)
                self.layout_.addWidget(hinweis)
            frage = Frage(key, self)
            self.fragen[key] = frage
            self.binder.custom(
                frage,
                f"klimarelevanz.{key}",
                frage.group.buttonToggled,
                frage.value,
                frage.set_value,
                fmt=lambda v: None if v is None else str(v.value if hasattr(v, "value") else v),
            )
            self.layout_.addWidget(frage)
        # The profile's further Auswirkungen blocks (desktop/pages/auswirkungen.py).
        self.weitere = WeitereAuswirkungen(self.profile, self.binder, self.body)
        self.layout_.addWidget(self.weitere)
        self.layout_.addStretch(1)

    def reload(self) -> None:
        self.weitere.match(self.document.vorlage.weitere_auswirkungen)
        super().reload()

    def refresh(self) -> None:
        k = self.document.vorlage.klimarelevanz
        reasons = klima_nicht_anwendbar(k)
        found: dict[str, list] = {}
        for p in self.document.problems():
            if p.section == Section.KLIMARELEVANZ:
                found.setdefault(p.field.rpartition(".")[2], []).append(p)
        for key, frage in self.fragen.items():
            reason = reasons[key]
            for button in frage.buttons.values():
                button.setEnabled(reason is None)
            frage.frage.setEnabled(reason is None)
            frage.reason.setText(f"Entfällt: {reason}" if reason else "")
            frage.reason.setVisible(bool(reason))
            frage.clear_button.setVisible(frage.value() is not None)
            frage.problem.set_problems(found.get(key, []))
        self.weitere.show_problems(
            [p for p in self.document.problems() if p.section == Section.KLIMARELEVANZ]
        )

    def focus_field(self, field: str) -> bool:
        if field.startswith(f"{AUSWIRKUNGEN}."):
            block = self.weitere.focus_field(field)
            if block is not None:
                self.scroll_area.ensureWidgetVisible(block)
            return block is not None
        key = field.rpartition(".")[2]
        frage = self.fragen.get(key)
        if frage is None:
            return False
        self.scroll_area.ensureWidgetVisible(frage)
        target = next((b for b in frage.buttons.values() if b.isChecked()), None)
        target = target or next(iter(frage.buttons.values()))
        if target.isEnabled():
            target.setFocus()
        else:
            frage.clear_button.setFocus()
        return True
