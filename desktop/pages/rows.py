"""Shared by Beratungsfolge and Anlagen: a list of rows with add/remove/up/down and a detail form.

The table shows all rows read-only; the form below edits the selected one. That keeps every
editor a normal, keyboard-friendly widget (no editors inside table cells) and the order is
exactly the order the clerk made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.pages.base import Page
from desktop.undo import row_noun
from forms.flow import STEP_TITLES


class RowsPage(Page):
    list_attr: str  # model attribute of the list, e.g. "beratungsfolge"
    columns: tuple[str, ...]
    detail_title: str
    empty_text: str
    stretch_column: int = -1  # the column that takes the spare width
    show_row_numbers: bool = True

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"{self.list_attr}Table")
        self.table.setAccessibleName(STEP_TITLES[self.step])
        self.table.setAccessibleDescription(
            "Zeile mit den Pfeiltasten wählen; bearbeitet wird sie im Formular darunter."
        )
        self.table.setHorizontalHeaderLabels(list(self.columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows are chosen with the arrow keys; Tab goes on to the buttons and the form.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(150)
        self.table.setMaximumHeight(240)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.verticalHeader().setVisible(self.show_row_numbers)

        self.add_button = QPushButton("&Hinzufügen", self)
        self.remove_button = QPushButton("&Entfernen", self)
        self.up_button = QPushButton("Nach &oben", self)
        self.down_button = QPushButton("Nach &unten", self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        # In the table: Entf removes the row, Strg+↑/↓ moves it (the buttons' tooltips say so).
        for keys, slot in (
            ("Delete", self.remove_row),
            ("Ctrl+Up", lambda: self.move_row(-1)),
            ("Ctrl+Down", lambda: self.move_row(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.remove_button.setToolTip("Ausgewählte Zeile entfernen (Entf in der Tabelle)")
        self.up_button.setToolTip("Eine Zeile nach oben (Strg+↑ in der Tabelle)")
        self.down_button.setToolTip("Eine Zeile nach unten (Strg+↓ in der Tabelle)")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.empty_label = QLabel(self.empty_text, self)
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setWordWrap(True)

        self.detail = QGroupBox(self.detail_title, self)
        self.detail_form = self.form()
        self.detail.setLayout(self.detail_form)

        self.layout_.addWidget(self.table)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.empty_label)
        self.layout_.addWidget(self.detail)
        self.layout_.addStretch(1)
        self.binder.on_edit.append(self._update_current_row)

    # -- to implement -------------------------------------------------------------------------
    def new_row(self) -> Any:
        raise NotImplementedError

    def cells(self, index: int, row: Any) -> list[str]:
        raise NotImplementedError

    def first_editor(self):
        raise NotImplementedError

    # -- rows ---------------------------------------------------------------------------------
    def rows(self) -> list[Any]:
        return getattr(self.document.vorlage, self.list_attr)

    def current(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.rows()) else None

    def path(self, attr: str) -> Callable[[], str | None]:
        def resolve() -> str | None:
            index = self.current()
            return None if index is None else f"{self.list_attr}.{index}.{attr}"

        return resolve

    def _fill(self, select: int | None) -> None:
        rows = self.rows()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(self.cells(r, row)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(
            self.stretch_column % len(self.columns), QHeaderView.ResizeMode.Stretch
        )
        if rows:
            index = min(select if select is not None else 0, len(rows) - 1)
            self.table.setCurrentCell(index, 0)
            self.table.selectRow(index)
        self.table.blockSignals(False)
        self._selection_changed()

    def _update_current_row(self) -> None:
        index = self.current()
        if index is None:
            return
        for c, text in enumerate(self.cells(index, self.rows()[index])):
            item = self.table.item(index, c)
            if item is not None and item.text() != text:
                item.setText(text)

    def _selection_changed(self) -> None:
        index = self.current()
        has = index is not None
        self.detail.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(index is not None and index > 0)
        self.down_button.setEnabled(index is not None and index < len(self.rows()) - 1)
        self.empty_label.setVisible(not self.rows())
        self.binder.load()
        if self.isVisible():
            self.show_problems()

    # Each is one undo step ("Rückgängig: Beratung löschen"); undo selects the row again.
    def _row_path(self, index: int | None) -> str:
        return self.list_attr if index is None else f"{self.list_attr}.{index}"

    def add_row(self) -> None:
        index = self.current()
        at = len(self.rows()) if index is None else index + 1
        self.document.edit(
            lambda v: getattr(v, self.list_attr).insert(at, self.new_row()),
            f"{row_noun(self.list_attr)} hinzufügen",
            focus=self._row_path(index),
            focus_after=self._row_path(at),
        )
        self._fill(at)
        self.first_editor().setFocus()

    def remove_row(self) -> None:
        index = self.current()
        if index is None:
            return
        self.document.edit(
            lambda v: getattr(v, self.list_attr).pop(index),
            f"{row_noun(self.list_attr)} löschen",
            focus=self._row_path(index),
        )
        self._fill(index)

    def move_row(self, step: int) -> None:
        index = self.current()
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.rows()):
            return

        def swap(v) -> None:
            rows = getattr(v, self.list_attr)
            rows[index], rows[target] = rows[target], rows[index]

        self.document.edit(
            swap,
            f"{row_noun(self.list_attr)} verschieben",
            focus=self._row_path(index),
            focus_after=self._row_path(target),
        )
        self._fill(target)

    def reload(self) -> None:
        self._fill(0)
        self.refresh()

    def sync(self) -> None:
        # Undo or redo: the same row stays selected, as far as it still exists.
        self._fill(max(self.table.currentRow(), 0))
        self.refresh()

    def reveal(self, field: str):
        parts = field.split(".")
        if parts[0] != self.list_attr or len(parts) < 3 or not parts[1].isdigit():
            return None
        if int(parts[1]) >= len(self.rows()):
            return None
        if self.current() != int(parts[1]):
            self._fill(int(parts[1]))
        return super().reveal(field)

    def focus_field(self, field: str) -> bool:
        parts = field.split(".")
        if parts[0] != self.list_attr:
            return False
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(self.rows()):
            self._fill(int(parts[1]))
            # A row as a whole (undo of a delete): the table, where Entf and Strg+↑/↓ work.
            widget = self.table if len(parts) == 2 else self.binder.widget_for(field)
            (widget or self.first_editor()).setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if self.rows():
            self.table.setFocus()
        else:
            self.add_button.setFocus()
        return True


def detail_stack(*widgets) -> QVBoxLayout:
    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    for w in widgets:
        layout.addWidget(w)
    return layout
