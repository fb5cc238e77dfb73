"""Helpers for tests that walk every page of the real main window as a user would.

The window shows the example Vorlage with amounts (Finanzen JA) and one Anlage, so that
every page has its fields enabled.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QRadioButton, QWidget

from desktop.mainwindow import MainWindow
from forms.model import Anlage


def fill_every_page(window: MainWindow) -> None:
    window.session.open_example()
    doc = window.document
    doc.edit(lambda v: v.anlagen.append(Anlage(titel="Lageplan", datei="Lageplan.pdf")))
    doc.set("finanzen.auswirkungen", True)
    doc.set("finanzen.haushaltsjahr", 2026)
    doc.set("finanzen.investiv.auszahlungen.ansatz", Decimal("1234567.89"))
    window._reload_pages()
    doc.set_dirty(False)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def tab_stops(page: QWidget) -> list[QWidget]:
    """The widgets on `page` that Tab can reach now: focusable, visible, enabled."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or not widget.isEnabled():
            continue
        if not widget.isVisibleTo(page.window()):
            continue
        # Parts of a field (the line edit of a combo) are reached through the field.
        if any(
            other is not widget
            and other.isAncestorOf(widget)
            and other.focusPolicy() & Qt.FocusPolicy.TabFocus
            for other in _ancestors(widget, page)
        ):
            continue
        found.append(widget)
    return found


def _ancestors(widget: QWidget, stop: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Rows from top to bottom (widgets that overlap vertically share a row), left to right."""
    window = widgets[0].window() if widgets else None

    def box(w: QWidget) -> tuple[int, int, int]:
        top_left = w.mapTo(window, w.rect().topLeft())
        return top_left.y(), top_left.y() + w.height(), top_left.x()

    rows: list[list[QWidget]] = []
    row_bottom = None
    for w in sorted(widgets, key=lambda w: (box(w)[0], box(w)[2])):
        top, bottom, _ = box(w)
        if row_bottom is not None and top < row_bottom:
            rows[-1].append(w)
            row_bottom = min(row_bottom, bottom)
        else:
            rows.append([w])
            row_bottom = bottom
    return [w for row in rows for w in sorted(row, key=lambda w: box(w)[2])]


def stop_key(widget: QWidget) -> object:
    """Radio buttons of one exclusive group are one Tab stop (arrows move inside it)."""
    if isinstance(widget, QRadioButton) and isinstance(widget, QAbstractButton):
        group = widget.group()
        if group is not None and group.exclusive():
            return group
    return widget


def collapse(widgets: list[QWidget]) -> list[object]:
    keys: list[object] = []
    for w in widgets:
        key = stop_key(w)
        if key not in keys:
            keys.append(key)
    return keys


def describe(key: object) -> str:
    if isinstance(key, QWidget):
        text = key.text() if hasattr(key, "text") and callable(key.text) else ""
        label = key.accessibleName() or text or key.objectName()
        return f"{type(key).__name__}({label!r})"
    return f"{type(key).__name__}({[b.text() for b in key.buttons()]!r})"
