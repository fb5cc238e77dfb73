"""Find text that does not fit its widget (font metrics), as a user at a small screen sees it.

Text elided on purpose counts as fitting when its widget's tooltip holds the full text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.objectName() or w.accessibleName()!r})"


def _elided_on_purpose(w: QWidget, shown: str) -> bool:
    tip = w.toolTip()
    return bool(tip) and shown != tip and shown.rstrip("…") in tip


def _label(w: QLabel) -> str | None:
    text = w.text()
    if not text or _elided_on_purpose(w, text):
        return None
    rect = w.contentsRect()
    if w.wordWrap():
        need = w.heightForWidth(w.width())
        if need > w.height():
            return f"needs {need} px height, has {w.height()}"
        if not GuiQt.mightBeRichText(text):
            fm = QFontMetrics(w.font())
            longest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
            if longest > rect.width():
                return f"a word needs {longest} px, has {rect.width()}"
        return None
    need = w.sizeHint()
    if need.width() > w.width() or need.height() > w.height():
        return f"needs {need.width()}×{need.height()}, has {w.width()}×{w.height()}"
    return None


def _button(w: QAbstractButton) -> str | None:
    if not w.text():  # an icon (the calendar in a date field): the icon must fit
        icon = w.iconSize()
        if w.icon().isNull() or (icon.width() <= w.width() and icon.height() <= w.height()):
            return None
        return f"icon {icon.width()}×{icon.height()} in {w.width()}×{w.height()}"
    need = w.minimumSizeHint() if isinstance(w, QToolButton) else w.sizeHint()
    if need.width() > w.width() or need.height() > w.height():
        return f"needs {need.width()}×{need.height()}, has {w.width()}×{w.height()}"
    return None


def _line_edit(w: QLineEdit) -> str | None:
    text = w.text() or w.placeholderText()
    if not text:
        return None
    option = QStyleOptionFrame()
    w.initStyleOption(option)
    rect = w.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, w)
    margins = w.textMargins()
    right = rect.right() - margins.right()
    for button in w.findChildren(QToolButton):  # the calendar icon, a clear button
        if button.isVisible():
            right = min(right, button.x() - 1)
    width = right - (rect.left() + margins.left()) + 1 - 4  # QLineEdit's 2 px each side
    need = QFontMetrics(w.font()).horizontalAdvance(text)
    if need > width:
        return f"„{text}“ needs {need} px, has {width}"
    return None


def _combo(w: QComboBox) -> str | None:
    if w.isEditable():
        return None  # its line edit is checked as a line edit
    text = w.currentText()
    if not text:
        return None
    option = QStyleOptionComboBox()
    w.initStyleOption(option)
    rect = w.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, w
    )
    need = QFontMetrics(w.font()).horizontalAdvance(text)
    if need > rect.width():
        return f"„{text}“ needs {need} px, has {rect.width()}"
    return None


def _list_items(w: QListWidget) -> list[str]:
    found = []
    fm = QFontMetrics(w.font())
    for row in range(w.count()):
        item = w.item(row)
        rect = w.visualItemRect(item)
        icon = w.iconSize().width() + 8 if not item.icon().isNull() else 0
        need = fm.horizontalAdvance(item.text()) + icon
        if w.wordWrap():
            need = rect.width()  # wrapped: the laid-out item must stay within the list
        if w.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (
            need > w.viewport().width()
        ):
            found.append(f"item „{item.text()}“ needs {need} px, has {w.viewport().width()}")
    return found


def _scrolls(w: QWidget) -> bool:
    """Inside a scroll area's viewport: out of view is reachable by scrolling, not clipped."""
    parent = w.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def clipped(root: QWidget) -> list[str]:
    """Every visible text under `root` that is cut off, and every widget outside the window."""
    window = root.window()
    found: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(window) or w.width() <= 0 or w.height() <= 0:
            continue
        problem: str | None = None
        if isinstance(w, QLabel):
            problem = _label(w)
        elif isinstance(w, QAbstractButton):
            problem = _button(w)
        elif isinstance(w, QLineEdit):
            problem = _line_edit(w)
        elif isinstance(w, QComboBox):
            problem = _combo(w)
        elif isinstance(w, QListWidget):
            found += [f"{_name(w)}: {p}" for p in _list_items(w)]
        if problem:
            found.append(f"{_name(w)} „{_text(w)}“: {problem}")
        if not _scrolls(w):
            box = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
            if not window.rect().contains(box):
                found.append(f"{_name(w)} „{_text(w)}“ lies outside the window: {box}")
    return found


def _text(w: QWidget) -> str:
    text = w.text() if hasattr(w, "text") and callable(w.text) else ""
    return str(text)[:40]
