"""Prüfen und Exportieren: every problem of the Vorlage, Save, and the PDF export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
)

from desktop.pages.base import Page
from forms.export import open_errors
from forms.flow import Extra
from forms.rules import Problem, Schwere

ROLE_PROBLEM = Qt.ItemDataRole.UserRole


def dot_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


FEHLER_COLOR = "#c62828"
HINWEIS_COLOR = "#e0a100"
OK_COLOR = "#2e7d32"


class PruefenPage(Page):
    step = Extra.PRUEFEN
    intro = (
        "Fehler verhindern den endgültigen Export, Hinweise nicht. Doppelklick (oder Eingabetaste) "
        "auf einen Eintrag springt zum Feld."
    )

    jumpRequested = Signal(object)  # Problem
    saveRequested = Signal()
    exportRequested = Signal()
    cancelRequested = Signal()
    previewRequested = Signal()

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("problemList")
        self.list.setAccessibleName("Fehler und Hinweise")
        self.list.setAccessibleDescription("Eingabetaste springt zum Feld")
        self.list.setMinimumHeight(260)
        # Long messages wrap instead of running off to the right.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.save_button = QPushButton("&Speichern", self)
        self.save_button.clicked.connect(self.saveRequested.emit)
        self.export_button = QPushButton("Als &PDF exportieren…", self)
        self.export_button.setObjectName("primaryButton")
        self.export_button.clicked.connect(self.exportRequested.emit)
        self.preview_button = QPushButton("&Vorschau", self)
        self.preview_button.setToolTip("Das PDF so zeigen, wie es exportiert wird (Strg+F2)")
        self.preview_button.clicked.connect(self.previewRequested.emit)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setFormat("PDF wird erstellt … %p %")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Export abbrechen", self)
        self.cancel_button.setToolTip("Den laufenden Export anhalten; es entsteht keine Datei.")
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.cancel_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.list, 1)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.progress)
        self.current: list[Problem] = []
        # The spell check counts unknown words in the background; its Hinweise come later.
        document.hintsChanged.connect(lambda: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        self.current = self.document.all_problems()
        self.list.clear()
        fehler = open_errors(self.current)  # what an export counts (forms/export.py)
        hinweise = [p for p in self.current if p.schwere == Schwere.HINWEIS]
        for p in fehler + hinweise:
            color = FEHLER_COLOR if p.schwere == Schwere.FEHLER else HINWEIS_COLOR
            item = QListWidgetItem(dot_icon(color), f"{p.section.titel}: {p.message}", self.list)
            item.setData(ROLE_PROBLEM, p)
            item.setToolTip(f"{p.schwere.value} – Doppelklick springt zum Feld")
            # The dot's colour, as text for screen readers.
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, p.schwere.value)
        if fehler:
            n_hinweise = _anzahl(len(hinweise), "Hinweis", "Hinweise")
            text = f"{_anzahl(len(fehler), 'Fehler', 'Fehler')} und {n_hinweise}."
            text += " Vor dem Export als Endfassung bitte die Fehler beheben."
            state = "error"
        elif hinweise:
            n_hinweise = _anzahl(len(hinweise), "Hinweis", "Hinweise")
            text = f"Keine Fehler, {n_hinweise}. Die Vorlage kann exportiert werden."
            state = "warn"
        else:
            text = "Alles vollständig. Die Vorlage kann exportiert werden."
            state = "ok"
        self.summary.setText(text)
        self.summary.setProperty("state", state)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def _activated(self, item: QListWidgetItem) -> None:
        problem = item.data(ROLE_PROBLEM)
        if problem is not None:
            self.jumpRequested.emit(problem)

    def set_busy(self, busy: bool, title: str = "PDF-Export") -> None:
        """A job runs (or ended); `title` names it ("PDF-Export", "Drucken", "Import")."""
        self.export_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            export = title.endswith("Export")
            self.progress.setFormat("PDF wird erstellt … %p %" if export else f"{title} … %p %")
            self.cancel_button.setText("Export abbrechen" if export else f"{title} abbrechen")

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)


def _anzahl(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
