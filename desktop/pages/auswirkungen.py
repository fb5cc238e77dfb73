"""Weitere Auswirkungen: the blocks a council added to its profile (e.g. personelle
Auswirkungen), each a question with JA/NEIN and a text; shown on the Klimarelevanz page.

A block the open file holds but its profile does not know (another city's, or one the profile
dropped) is shown too, titled by its id: nothing in a file is hidden or lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.binding import Binder, Binding
from desktop.widgets.fields import ProblemLabel
from forms.model import Auswirkung
from forms.profile import AuswirkungBlock, Profile
from forms.rules import Problem

PATH = "weitere_auswirkungen"


class Block(QFrame):
    """One block: the question, JA/NEIN, the text; bound to `weitere_auswirkungen[<id>]`."""

    def __init__(self, key: str, block: AuswirkungBlock | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("klimaFrage")
        titel = block.titel if block else key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        title = QLabel(titel, self)
        title.setObjectName("blockLabel")
        layout.addWidget(title)
        if block is None:
            note = QLabel("Diesen Block kennt das Profil nicht; er bleibt erhalten.", self)
            note.setObjectName("hintLabel")
            layout.addWidget(note)
        self.frage = QLabel(block.frage if block else "", self)
        self.frage.setObjectName("frageLabel")
        self.frage.setWordWrap(True)
        self.frage.setVisible(bool(block))
        layout.addWidget(self.frage)
        row = QHBoxLayout()
        self.ja = QRadioButton("JA", self)
        self.nein = QRadioButton("NEIN", self)
        self.ja.setObjectName(f"{key}:ja")
        self.nein.setObjectName(f"{key}:nein")
        self.ja.setAccessibleName(f"{titel}: JA")
        self.nein.setAccessibleName(f"{titel}: NEIN")
        self.group = QButtonGroup(self)
        self.group.addButton(self.ja)
        self.group.addButton(self.nein)
        row.addWidget(self.ja)
        row.addWidget(self.nein)
        row.addStretch(1)
        layout.addLayout(row)
        if block is not None and block.hinweis:
            hinweis = QLabel(block.hinweis, self)
            hinweis.setObjectName("hintLabel")
            hinweis.setWordWrap(True)
            layout.addWidget(hinweis)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName(f"{key}:text")
        self.text.setAccessibleName(f"{titel}: Text")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(80)
        layout.addWidget(self.text)
        self.problem = ProblemLabel(self)
        layout.addWidget(self.problem)

    def entry(self) -> Auswirkung:
        ja = True if self.ja.isChecked() else False if self.nein.isChecked() else None
        return Auswirkung(ja=ja, text=self.text.toPlainText())

    def show_entry(self, entry: Auswirkung | None) -> None:
        entry = entry or Auswirkung()
        self.group.setExclusive(False)
        self.ja.setChecked(entry.ja is True)
        self.nein.setChecked(entry.ja is False)
        self.group.setExclusive(True)
        if self.text.toPlainText() != entry.text:
            self.text.setPlainText(entry.text)


class WeitereAuswirkungen(QWidget):
    """Every block of the profile, then any other block the file holds."""

    def __init__(self, profile: Profile, binder: Binder, parent: QWidget) -> None:
        super().__init__(parent)
        self.profile = profile
        self.binder = binder
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Weitere Auswirkungen", self)
        self.heading.setObjectName("klimaHeading")
        self.layout_.addWidget(self.heading)
        self.blocks: dict[str, Block] = {}
        self._bindings: dict[str, list[Binding]] = {}
        for block in profile.auswirkungen:
            self._add(block.id, block)
        self._update_heading()

    def _add(self, key: str, block: AuswirkungBlock | None) -> None:
        widget = Block(key, block, self)
        self.blocks[key] = widget
        self.layout_.addWidget(widget)

        def read() -> dict[str, Auswirkung]:
            current = dict(self.binder.document.vorlage.weitere_auswirkungen)
            current[key] = widget.entry()
            return current

        def write(value: dict[str, Auswirkung] | None) -> None:
            widget.show_entry((value or {}).get(key))

        self._bindings[key] = [
            self.binder.custom(widget.ja, PATH, widget.group.buttonToggled, read, write),
            self.binder.custom(widget.text, PATH, widget.text.textChanged, read, write),
        ]

    def _update_heading(self) -> None:
        self.heading.setVisible(bool(self.blocks))

    def match(self, stored: dict[str, Auswirkung]) -> None:
        """Show exactly the profile's blocks and the other blocks `stored` holds (before the
        binder loads a replaced Vorlage)."""
        wanted = {b.id for b in self.profile.auswirkungen} | set(stored)
        for key in [k for k in self.blocks if k not in wanted]:
            for binding in self._bindings.pop(key):
                self.binder.bindings.remove(binding)
            self.blocks.pop(key).deleteLater()
        for key in stored:
            if key not in self.blocks:
                self._add(key, None)
        self._update_heading()

    def show_problems(self, found: list[Problem]) -> None:
        for key, widget in self.blocks.items():
            widget.problem.set_problems([p for p in found if p.field.startswith(f"{PATH}.{key}")])

    def focus_field(self, field: str) -> QWidget | None:
        key, _, part = field.removeprefix(f"{PATH}.").partition(".")
        widget = self.blocks.get(key)
        if widget is None:
            return None
        target: QWidget = widget.text if part == "text" else widget.ja
        target.setFocus()
        return widget
