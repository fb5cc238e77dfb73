"""Small input widgets: German date entry with a calendar, searchable combo, error label and
the collector that lets several fields share one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QMenu,
    QWidgetAction,
)

from forms.formatting import EingabeFehler, datum_lang, format_datum, parse_datum

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def _calendar_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#4a5563"))
    painter.drawRoundedRect(1, 3, 14, 12, 2, 2)
    painter.fillRect(2, 4, 13, 3, QColor("#2f6fb3"))
    for x in (4, 8, 12):
        for y in (9, 12):
            painter.fillRect(x - 1, y - 1, 2, 2, QColor("#4a5563"))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """German date entry (TT.MM.JJJJ) that may stay empty, with a calendar popup.

    QDateEdit cannot be empty, but a Vorlage date and a planned meeting date often are.
    Short forms ("1.2.22", "heute") are read at once; `echo` (placed under the field by the
    page) shows the date as read, with its weekday, and leaving the field writes it in full.
    """

    picked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("TT.MM.JJJJ")
        self.setMaximumWidth(150)
        action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        action.setToolTip("Kalender öffnen (Alt+Pfeil nach unten)")
        action.triggered.connect(self.show_calendar)
        self.echo = ErrorLabel(parent, hint=True)
        self.echo.setObjectName("dateEcho")
        self.textChanged.connect(self._show_echo)
        self.editingFinished.connect(self._normalise)

    def _show_echo(self) -> None:
        value = self.date()
        self.echo.setText(f"= {datum_lang(value)}" if value is not None else "")

    def _normalise(self) -> None:
        value = self.date()
        if value is not None and self.text() != format_datum(value):
            # Display only: the model already holds this date.
            self.setText(format_datum(value))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def date(self) -> dt.date | None:
        try:
            return parse_datum(self.text())
        except EingabeFehler:
            return None

    def show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setLocale(GERMAN)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        current = self.date() or dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(qdate: QDate) -> None:
            self.set_from_calendar(dt.date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        calendar.setFocus()

    def set_from_calendar(self, value: dt.date) -> None:
        text = value.strftime("%d.%m.%Y")
        self.setText(text)
        # A calendar pick is an edit by the user, like typing.
        self.textEdited.emit(text)
        self.picked.emit(text)


class SearchCombo(QComboBox):
    """Editable combo whose completer finds entries by any part ('61' finds 'Amt 61 - …')."""

    def __init__(self, items: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.set_items(items)

    def set_items(self, items: list[str]) -> None:
        """The catalogue to choose and search from (another profile's on a profile change)."""
        self.clear()
        self.addItems(items)
        self.setCurrentIndex(-1)
        completer = QCompleter(items, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)


class ProblemLabel(QLabel):
    """Problems from `forms.rules` next to their field: errors red, hints amber."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("problemLabel")
        self.setWordWrap(True)
        self.setVisible(False)

    def set_problems(self, found) -> None:
        lines = [
            p.message if p.schwere.value == "Fehler" else f"Hinweis: {p.message}" for p in found
        ]
        # While the clerk types, a fixed problem leaves its room: the fields below the list
        # must not jump up under the cursor. `release` (the page shown again) tidies up.
        if self.isVisible():
            self.setMinimumHeight(self.height())
        self.setText("\n".join(lines))
        self.setVisible(bool(lines) or self.minimumHeight() > 0)
        worst = "fehler" if any(p.schwere.value == "Fehler" for p in found) else "hinweis"
        self.setProperty("schwere", worst)
        self.style().unpolish(self)
        self.style().polish(self)

    def release(self) -> None:
        """Give back room kept for fixed problems (the page is shown anew)."""
        self.setMinimumHeight(0)
        self.setVisible(bool(self.text()))


class ErrorLabel(QLabel):
    """A German inline message under a field; hidden while empty."""

    def __init__(self, parent=None, *, hint: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("hintLabel" if hint else "errorLabel")
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class ErrorCollector:
    """Several fields share one message label (the finance grids' cells); each field's
    message, named by the field, is kept until it is fixed."""

    def __init__(self, label: ErrorLabel) -> None:
        self.label = label
        self.messages: dict[str, str] = {}

    def for_field(self, name: Callable[[], str]) -> FieldError:
        return FieldError(self, name)

    def update(self) -> None:
        self.label.setText("\n".join(m for m in self.messages.values() if m))


class FieldError:
    """One field's ErrorSink (desktop/binding.py): its message goes into the shared label."""

    def __init__(self, collector: ErrorCollector, name: Callable[[], str]) -> None:
        self.collector = collector
        self.name = name  # a function: the column headings change with the Haushaltsjahr

    def setText(self, text: str) -> None:
        key = str(id(self))
        if text:
            self.collector.messages[key] = f"{self.name()}: {text}"
        else:
            self.collector.messages.pop(key, None)
        self.collector.update()


def set_placeholder(combo: QComboBox, text: str) -> None:
    """The grey hint in an editable combo's text field (a fixed-choice combo has none)."""
    edit = combo.lineEdit()
    if edit is not None:
        edit.setPlaceholderText(text)
