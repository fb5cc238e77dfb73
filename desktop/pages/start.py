"""Start: a new Vorlage, an existing project file, a recent file, or the example.

The first page the clerk sees, so it is built before any Vorlage or profile is loaded
(issue 19, cold start): `attach()` brings the profile's catalogues once the window's
document exists, in the first idle moment after the first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import PageFrame
from desktop.widgets.fields import SearchCombo, set_placeholder
from forms.steps import Extra

if TYPE_CHECKING:
    from desktop.document import Document
    from desktop.settings import Settings


class StartPage(PageFrame):
    step = Extra.START
    intro = (
        "Eine neue Vorlage anlegen oder eine gespeicherte Projektdatei (*.vorlage.json) öffnen. "
        "Alle Abschnitte links sind jederzeit erreichbar; geprüft wird erst vor dem Export."
    )

    newRequested = Signal(str, str)  # Vorlageart, Federführend (display text)
    openRequested = Signal(object)  # Path, or None for the file dialog
    exampleRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.document: Document | None = None

        new_box = QGroupBox("Neue Vorlage", self)
        grid = QGridLayout(new_box)
        self.vorlageart = QComboBox(self)
        self.federfuehrend = SearchCombo([], self)
        self.new_button = QPushButton("&Neue Vorlage anlegen", self)
        self.new_button.setObjectName("primaryButton")
        self.new_button.clicked.connect(
            lambda: self.newRequested.emit(
                self.vorlageart.currentText(), self.federfuehrend.currentText()
            )
        )
        art_label = _label("&Vorlageart:", self.vorlageart)
        fed_label = _label("&Federführend:", self.federfuehrend)
        grid.addWidget(art_label, 0, 0)
        grid.addWidget(self.vorlageart, 0, 1)
        grid.addWidget(fed_label, 1, 0)
        grid.addWidget(self.federfuehrend, 1, 1)
        grid.addWidget(self.new_button, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)

        open_box = QGroupBox("Weiterarbeiten", self)
        open_layout = QVBoxLayout(open_box)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("Datei &öffnen…", self)
        self.open_button.clicked.connect(lambda: self.openRequested.emit(None))
        self.example_button = QPushButton("Mit dem &Beispiel beginnen", self)
        self.example_button.clicked.connect(self.exampleRequested.emit)
        # Room for the Ratsinfo import (another engineer wires it up and shows the button).
        self.import_button = QPushButton("&Importieren…", self)
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip("Eine Vorlage aus dem Ratsinformationssystem übernehmen")
        self.import_button.setVisible(False)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.example_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        open_layout.addLayout(buttons)
        recent_label = _label("Zu&letzt geöffnet:", None)
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentList")
        self.recent.setMinimumHeight(120)
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(
            lambda item: self.openRequested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        open_layout.addWidget(recent_label)
        open_layout.addWidget(self.recent)

        self.layout_.addWidget(new_box)
        self.layout_.addWidget(open_box)
        self.layout_.addStretch(1)
        self.fill_recent()

    def attach(self, document: Document) -> None:
        """The window's document exists: the clerk's profile fills the catalogues."""
        self.document = document
        self.show_profile()
        document.homeProfileChanged.connect(self.show_profile)

    def show_profile(self) -> None:
        """The clerk's profile (not the open file's): its catalogues for a new Vorlage."""
        assert self.document is not None
        profile = self.document.home_profile
        self.vorlageart.clear()
        self.vorlageart.addItems([a.name for a in profile.vorlagearten])
        self.vorlageart.setCurrentText(profile.vorgabe_vorlageart)
        self.federfuehrend.set_items([d.anzeige() for d in profile.dienststellen])
        set_placeholder(
            self.federfuehrend, f"Kürzel oder Name, z. B. {profile.hinweise.dienststelle}"
        )
        self.example_button.setToolTip(
            f"Öffnet das Beispiel des Profils „{profile.name}“ als Vorlage zum Ausprobieren."
        )
        self.example_button.setEnabled(bool(profile.beispiel))

    def fill_recent(self) -> None:
        self.recent.clear()
        files = self.settings.recent_files if self.settings else []
        for name in files:
            path = Path(name)
            item = QListWidgetItem(f"{path.name}    —    {path.parent}", self.recent)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
        if not files:
            item = QListWidgetItem("Noch keine Dateien geöffnet.", self.recent)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def shown(self) -> None:
        self.fill_recent()


def _label(text: str, buddy):
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
