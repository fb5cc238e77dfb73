"""What every page has: a title, a scrollable body, a binder, and a way to focus a field.

`PageFrame` is the look without the Vorlage (the Start page, shown before the model is
loaded: issue 19, cold start); `Page` adds the open Vorlage, a binder and its problems.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.accessible import name_widgets
from desktop.pages.steady import Steady
from desktop.widgets.fields import ProblemLabel
from forms.labels import Section
from forms.steps import STEP_TITLES, Step

if TYPE_CHECKING:
    from desktop.binding import Binder
    from desktop.document import Document


class PageFrame(QWidget):
    """Title, intro, problem line and a scrollable body; no Vorlage needed."""

    step: Step
    intro: str = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.step.value}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(self)
        header.setObjectName("pageHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(24, 18, 24, 10)
        self.title_label = QLabel(STEP_TITLES[self.step], header)
        self.title_label.setObjectName("pageTitle")
        header_layout.addWidget(self.title_label)
        if self.intro:
            intro = QLabel(self.intro, header)
            intro.setObjectName("pageIntro")
            intro.setWordWrap(True)
            header_layout.addWidget(intro)
        self.problems_label = ProblemLabel(header)
        header_layout.addWidget(self.problems_label)
        outer.addWidget(header)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Always there, as in Word: a scroll bar appearing when a problem line makes the page
        # longer would narrow every field and the finance columns under the cursor.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Not a Tab stop of its own: it scrolls to whichever field takes the focus.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget(self.scroll_area)
        self.body.setObjectName("pageBody")
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 6, 24, 18)
        self.layout_.setSpacing(10)
        self.steady = Steady(self, self.scroll_area)
        self._tab_order_done = False

    def showEvent(self, event: QShowEvent) -> None:
        # By the first show every subclass has built its widgets.
        if not self._tab_order_done:
            self._tab_order_done = True
            order_tabs(self)
            name_widgets(self)
            self.first_shown()
        super().showEvent(event)

    def first_shown(self) -> None:
        """Once, at the first show, after the tab order is set; override."""

    def form(self) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        return form

    def label(self, text: str, buddy: QWidget) -> QLabel:
        """A form label whose Alt+letter focuses `buddy` (also when the field is a group)."""
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # What the window asks of every page; a page without fields has nothing to do.
    def flush(self) -> None:
        """Write edits that are still pending (delayed rich text) into the model."""

    def reload(self) -> None:
        """The whole Vorlage was replaced: show it."""

    def sync(self) -> None:
        """Undo, redo or a replace changed model values: show them (`Document.restored`)."""
        self.reload()

    def refresh(self) -> None:
        """Something else in the model changed (computed values, enabling); override."""

    def shown(self) -> None:
        """The page became the current one."""
        self.refresh()

    def reveal(self, field: str) -> QWidget | None:
        """The widget of a model path, scrolled into view, not focused (a search hit)."""
        return None

    def focus_field(self, field: str) -> bool:
        """Focus the widget of a model path (from `Problem.field`); False if there is none."""
        return False


class Page(PageFrame):
    """A page of the open Vorlage: fields bound to the model, the section's problems."""

    # Pages of a section list what is still open there (Finanzen and Klimarelevanz show it
    # next to the field instead).
    section_problems: bool = True

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        from desktop.binding import Binder  # not at import: the Start page needs no model

        super().__init__(parent)
        self.document = document
        self.profile = document.profile
        section = self.step if isinstance(self.step, Section) else None
        self.binder: Binder = Binder(document, section)
        document.modelChanged.connect(self._model_changed)

    def first_shown(self) -> None:
        # One undo on every page: also the entry lines no binding covers.
        for widget in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            self.binder.guard(widget)

    def flush(self) -> None:
        self.binder.flush()

    def reload(self) -> None:
        self.binder.load()
        # Hidden pages refresh in shown(); at start-up this spares e.g. the Finanzen page's
        # first German number formatting (babel loading its locale data, ~40 ms).
        if self.isVisible():
            self.refresh()

    def _model_changed(self) -> None:
        # Hidden pages catch up in shown(); checking on every keystroke elsewhere costs time.
        if self.isVisible():
            with self.steady.kept():  # a new problem line moves no field
                self.refresh()
                self.show_problems()

    def shown(self) -> None:
        self.refresh()
        self.show_problems()
        for label in self.findChildren(ProblemLabel):
            label.release()
        self.steady.release()

    def show_problems(self) -> None:
        if not (self.section_problems and isinstance(self.step, Section)):
            return
        found = [p for p in self.document.problems() if p.section == self.step]
        self.problems_label.set_problems(found)

    def reveal(self, field: str) -> QWidget | None:
        path = field
        while path:
            widget = self.binder.widget_for(path)
            if widget is not None:
                self.scroll_area.ensureWidgetVisible(widget)
                return widget
            path = path.rpartition(".")[0]
        return None

    def focus_field(self, field: str) -> bool:
        path = field
        while path:
            widget = self.binder.widget_for(path)
            if widget is not None and widget.isEnabled():
                self.scroll_area.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            path = path.rpartition(".")[0]
        return False


def order_tabs(root: QWidget) -> None:
    """Make Tab follow the layout (reading order) instead of the order widgets were created.

    Qt chains widgets by creation; fields built first and wrapped later (a field with its
    message label under it) would otherwise be reached last.
    """
    chain = [w for w in _layout_widgets(root) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def _layout_widgets(widget: QWidget) -> list[QWidget]:
    """`widget` and the widgets inside it, in the order of their layouts."""
    found = [widget]
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return found  # a field: its inner parts (a combo's line edit) are its own business
    layout = widget.layout()
    if layout is not None:
        found += _in_layout(layout)
    elif isinstance(widget, QScrollArea) and (inner := widget.widget()) is not None:
        found += _layout_widgets(inner)
    return found


def _in_layout(layout: QLayout) -> list[QWidget]:
    items = [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
    if isinstance(layout, QFormLayout):
        items = []
        for row in range(layout.rowCount()):
            for role in (
                QFormLayout.ItemRole.LabelRole,
                QFormLayout.ItemRole.FieldRole,
                QFormLayout.ItemRole.SpanningRole,
            ):
                item = layout.itemAt(row, role)
                if item is not None:
                    items.append(item)
    elif isinstance(layout, QGridLayout):
        # PySide's stub says `object`; Qt returns (row, column, rowSpan, columnSpan).
        spans = [cast(tuple[int, ...], layout.getItemPosition(i)) for i in range(layout.count())]
        positions = [(span[0], span[1]) for span in spans]
        items = [item for _, item in sorted(zip(positions, items, strict=True), key=_first)]
    found: list[QWidget] = []
    for item in items:
        if (inner := item.widget()) is not None:
            found += _layout_widgets(inner)
        elif (sub := item.layout()) is not None:
            found += _in_layout(sub)
    return found


def _first(pair: tuple[tuple[int, int], QLayoutItem]) -> tuple[int, int]:
    return pair[0]
