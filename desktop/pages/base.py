"""What every page has: a title, a scrollable body, a binder, and a way to focus a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.binding import Binder, Document
from forms.flow import STEP_TITLES, Step


class Page(QWidget):
    step: Step
    intro: str = ""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.profile = document.profile
        self.binder = Binder(document)
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
        outer.addWidget(header)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(self.scroll)
        self.body.setObjectName("pageBody")
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 6, 24, 18)
        self.layout_.setSpacing(10)

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

    def invalid_inputs(self) -> dict[str, str]:
        """Fields whose typed text was not taken over (model path → German message)."""
        return dict(self.binder.invalid)

    def flush(self) -> None:
        """Write edits that are still pending into the model; override where edits are delayed."""

    def reload(self) -> None:
        """The whole Vorlage was replaced: show it."""
        self.binder.load()
        self.refresh()

    def refresh(self) -> None:
        """Something else in the model changed (computed values, enabling); override."""

    def _model_changed(self) -> None:
        # Hidden pages catch up in shown(); checking on every keystroke elsewhere costs time.
        if self.isVisible():
            self.refresh()

    def shown(self) -> None:
        """The page became the current one."""
        self.refresh()

    def focus_field(self, field: str) -> bool:
        """Focus the widget of a model path (from `Problem.field`); False if there is none."""
        path = field
        while path:
            widget = self.binder.widget_for(path)
            if widget is not None and widget.isEnabled():
                self.scroll.ensureWidgetVisible(widget)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            path = path.rpartition(".")[0]
        return False
