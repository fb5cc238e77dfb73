"""Screen readers: every interactive element on every page has a German name, none twice.

Walks the `QAccessible` interfaces (what NVDA or Orca receive through Qt's bridge), not the
widgets, so a name Qt would not pass on does not count.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface

from forms.flow import STEPS
from forms.labels import Section
from tests.desktop.pagewalk import fill_every_page, settle

Role = QAccessible.Role
BUTTONS = {Role.Button, Role.CheckBox, Role.RadioButton, Role.ButtonMenu, Role.ButtonDropDown}
FIELDS = {Role.ComboBox, Role.EditableText, Role.SpinBox, Role.List, Role.Table, Role.Tree}
CONTAINERS = {Role.ComboBox, Role.List, Role.Table, Role.Tree}  # their items are content


def interactive(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    found = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is None or not child.isValid() or child.state().invisible:
            continue
        if child.role() in BUTTONS | FIELDS:
            found.append(child)
        if child.role() not in CONTAINERS:
            found += interactive(child)
    return found


def describe(iface: QAccessibleInterface) -> str:
    widget = iface.object()
    return f"{iface.role().name} {type(widget).__name__} {widget.objectName()!r}"


def name_of(iface: QAccessibleInterface) -> str:
    if iface.role() == Role.ComboBox:
        # On Linux Qt passes a combo's value as its name (the label goes as a relation);
        # on Windows the accessible name. Check the one Windows screen readers get.
        return iface.object().accessibleName().strip()
    return iface.text(QAccessible.Text.Name).strip()


def unnamed(iface: QAccessibleInterface) -> bool:
    name = name_of(iface)
    if sum(ch.isalpha() for ch in name) < 2:  # "F", "⇤", "" say nothing
        return True
    # Without a name Qt announces a field by its content ("Kenntnisnahme"); only a name
    # given to the widget (by the page or from its label) says which field it is.
    return iface.role() in FIELDS and not iface.object().accessibleName()


@pytest.mark.parametrize("step", STEPS, ids=[s.value for s in STEPS])
def test_every_interactive_element_is_named_once(window, step):
    fill_every_page(window)
    page = window.go_to(step)
    settle()
    elements = interactive(QAccessible.queryAccessibleInterface(page))
    assert elements
    assert [describe(e) for e in elements if unnamed(e)] == []
    names = Counter(name_of(e).lower() for e in elements)
    assert [name for name, n in names.items() if n > 1] == []


def test_window_chrome_is_named(window):
    fill_every_page(window)
    elements = [
        e
        for e in interactive(QAccessible.queryAccessibleInterface(window))
        if not window.stack.isAncestorOf(e.object())
    ]
    assert [describe(e) for e in elements if unnamed(e)] == []


def test_amount_cells_are_named_by_row_and_column(window):
    fill_every_page(window)
    page = window.go_to(Section.FINANZEN)
    cell = page.cells["finanzen.investiv.auszahlungen.ansatz"]
    iface = QAccessible.queryAccessibleInterface(cell)
    assert iface.text(QAccessible.Text.Name) == "Auszahlungen, Ansatz 2026"
    window.document.set("finanzen.haushaltsjahr", 2027)
    assert iface.text(QAccessible.Text.Name) == "Auszahlungen, Ansatz 2027"
    neu = page.cells["finanzen.konsumtiv.ertrag.neu"]
    assert neu.accessibleName() == "Ertrag, Folgekosten (neu)"


def test_state_shown_by_colour_is_also_text(window):
    fill_every_page(window)
    window.document.set("grunddaten.betreff", "")
    window._update_markers()
    item = window.nav.item(1)  # Grunddaten: the Betreff is missing → red dot
    assert item.toolTip() == "Hier fehlt noch etwas."
    assert item.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Hier fehlt noch etwas."
    page = window.go_to(Section.GRUNDDATEN)
    page.datum.setText("31.02.2025")
    page.datum.textEdited.emit("31.02.2025")
    iface = QAccessible.queryAccessibleInterface(page.datum)
    assert "gibt es nicht" in iface.text(QAccessible.Text.Description)
    assert "gibt es nicht" in page.datum.toolTip()
