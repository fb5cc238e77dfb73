"""Names for screen readers (Qt accessibility), derived where the screen already says it.

A field's name is its form label ("Vorlage-Nr."), also when the field sits in a wrapper with
its message line; a button that shows a symbol ("F", "⇤") is named by its tooltip ("Fett").
Names set explicitly by a page are kept.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

# "Fett (Strg+B)" → "Fett": the shortcut is announced separately by screen readers.
_SHORTCUT = re.compile(r"\s*\([^)]*\)\s*$")


def label_text(text: str) -> str:
    """'Vorlage-&Nr.:' → 'Vorlage-Nr.'"""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def is_symbol(text: str) -> bool:
    """True for texts that say nothing when read aloud: 'F', 'K', '⇤', '+'."""
    return sum(ch.isalpha() for ch in text) < 2


def name_widgets(root: QWidget) -> None:
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName() and label.text():
            buddy.setAccessibleName(label_text(label.text()))
    for button in root.findChildren(QAbstractButton):
        if button.accessibleName():
            continue
        if button.objectName() == "qt_toolbar_ext_button":  # Qt's "»" of a narrow toolbar
            button.setAccessibleName("Weitere Werkzeuge")
            continue
        text = label_text(button.text())
        if is_symbol(text) and button.toolTip():
            button.setAccessibleName(_SHORTCUT.sub("", button.toolTip()))
    # A combo without a label (a toolbar's "Absatzformat") says what it is in its tooltip.
    for combo in root.findChildren(QComboBox):
        if not combo.accessibleName() and combo.toolTip():
            combo.setAccessibleName(_SHORTCUT.sub("", combo.toolTip()))
