"""Anlagen: titles with an optional file path, in the order they are numbered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.pages.rows import RowsPage
from forms.labels import Section
from forms.model import Anlage


class AnlagenPage(RowsPage):
    step = Section.ANLAGEN
    intro = "Die Anlagen in der Reihenfolge, in der der Text auf sie verweist („vgl. Anlage 2“)."
    list_attr = "anlagen"
    columns = ("Nr.", "Titel", "Datei")
    detail_title = "Ausgewählte Anlage"
    stretch_column = 1
    show_row_numbers = False  # the "Nr." column is the Anlage's number
    empty_text = "Keine Anlagen. Mit „Hinzufügen“ (Alt+H) eine Anlage eintragen."

    def __init__(self, document, parent=None, *, dialogs=None) -> None:
        super().__init__(document, parent)
        self.dialogs = dialogs
        self.titel = QLineEdit(self)
        self.titel.setPlaceholderText("z. B. Präsentation Sachstand KIM")
        self.binder.line_edit(self.titel, self.path("titel"))
        self.titel.setProperty("spellcheck", True)  # prose: desktop/spelling.py checks it
        self.detail_form.addRow("&Titel:", self.titel)

        self.datei = QLineEdit(self)
        self.datei.setPlaceholderText("optional: Pfad der Datei")
        self.binder.line_edit(
            self.datei,
            self.path("datei"),
            parse=lambda t: t.strip() or None,
            fmt=lambda v: v or "",
        )
        browse = QPushButton("Durch&suchen…", self)
        browse.clicked.connect(self._browse)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.datei, 1)
        layout.addWidget(browse)
        self.detail_form.addRow(self.label("D&atei:", self.datei), row)

    def _browse(self) -> None:
        if self.dialogs is None:
            return
        path = self.dialogs.open_attachment(None)
        if path is None:
            return
        index = self.current()
        with self.document.step("Datei wählen", focus=f"anlagen.{index}.datei"):
            self.datei.setText(str(path))
            self.datei.textEdited.emit(str(path))
            if not self.titel.text().strip():
                self.titel.setText(Path(path).stem)
                self.titel.textEdited.emit(Path(path).stem)

    def new_row(self) -> Anlage:
        return Anlage()

    def cells(self, index: int, row: Anlage) -> list[str]:
        return [str(index + 1), row.titel, Path(row.datei).name if row.datei else ""]

    def first_editor(self):
        return self.titel
