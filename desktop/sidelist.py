"""The side list of the main window: every step, a coloured dot per section for its problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from forms.labels import Section
from forms.steps import STEP_TITLES, STEPS

if TYPE_CHECKING:
    from forms.rules import Problem


class SectionList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionList")
        self.setAccessibleName("Abschnitte")
        self.setFixedWidth(250)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(QSize(10, 10))
        for number, step in enumerate(STEPS):
            prefix = f"{number}  " if isinstance(step, Section) else ""
            item = QListWidgetItem(f"{prefix}{STEP_TITLES[step]}", self)
            item.setData(Qt.ItemDataRole.UserRole, step.value)

    def mark(self, found: list[Problem]) -> None:
        """Each section's dot: red with an error, amber with only Hinweise, green when clean;
        the same in words for the tooltip and for screen readers."""
        from desktop.pages.pruefen import FEHLER_COLOR, HINWEIS_COLOR, OK_COLOR, dot_icon
        from forms.flow import section_state
        from forms.rules import Schwere

        colors = {Schwere.FEHLER: FEHLER_COLOR, Schwere.HINWEIS: HINWEIS_COLOR, None: OK_COLOR}
        words = {
            Schwere.FEHLER: "Hier fehlt noch etwas.",
            Schwere.HINWEIS: "Vollständig, mit Hinweisen.",
            None: "Vollständig.",
        }
        for row, step in enumerate(STEPS):
            if not isinstance(step, Section):
                continue
            state = section_state(step, found)
            item = self.item(row)
            item.setIcon(dot_icon(colors[state]))
            item.setToolTip(words[state])
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, words[state])
