"""The import dialog: paste a Vorlage's page text, or load a PDF, text or OParl file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.buttons import accept_cancel

PAGE_FILTER = (
    "Vorlagen (*.pdf *.txt *.json);;PDF (*.pdf);;Textdateien (*.txt);;OParl-JSON (*.json);;"
    "Alle Dateien (*)"
)


class ImportDialog(QDialog):
    """Paste the page text, or load it from a file into the same box, then take it over."""

    def __init__(
        self,
        parent: QWidget | None = None,
        folder: Path | None = None,
        *,
        warn: Callable[[str, str], None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Vorlage aus dem Ratsinformationssystem importieren")
        self.folder = folder
        self.warn = warn  # Dialogs.warning: a message box, or a recorded line in tests
        self.source = "Der eingefügte Text"
        # A PDF is not text for the box: it is read by its layout when the import runs.
        self.pdf: Path | None = None
        hint = QLabel(
            "Die Vorlagenseite im Browser öffnen, alles markieren (Strg+A), kopieren (Strg+C) "
            "und hier einfügen – oder eine Datei laden: das PDF einer Vorlage, eine Textdatei "
            "oder eine OParl-Drucksache (JSON).",
            self,
        )
        hint.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("importText")
        self.text.setPlaceholderText("Vorlageart - Vorlage-Nr.\nGrunddaten\n…")
        self.file_button = QPushButton("Aus &Datei laden…", self)
        self.file_button.clicked.connect(self._choose_file)
        self.buttons, self.ok_button = accept_cancel(self, "&Importieren")
        self.ok_button.setEnabled(False)
        self.text.textChanged.connect(self._text_changed)
        row = QHBoxLayout()
        row.addWidget(self.file_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.resize(720, 520)

    def _text_changed(self) -> None:
        if self.text.toPlainText().strip():
            self.pdf = None  # typed or pasted text replaces a chosen PDF
        self.ok_button.setEnabled(bool(self.text.toPlainText().strip()) or self.pdf is not None)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Datei öffnen", str(self.folder or ""), PAGE_FILTER
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        from forms.imports import VorlageImportError, read_text_file

        if path.suffix.lower() == ".pdf":
            self.text.clear()
            self.pdf = path
            self.text.setPlaceholderText(
                f"PDF „{path.name}“ gewählt – es wird beim Importieren gelesen."
            )
            self.source = f"„{path.name}“"
            self._text_changed()
            return True
        try:
            self.text.setPlainText(read_text_file(path))
        except VorlageImportError as exc:
            self.warn("Datei kann nicht gelesen werden", str(exc))
            return False
        self.source = f"„{path.name}“"
        return True
