"""Erläuterungen: the explanatory text, rich text with headings, lists and tables."""

from __future__ import annotations

from desktop.pages.base import Page
from desktop.widgets.richtext import RichTextEditor
from forms.labels import Section


class ErlaeuterungenPage(Page):
    step = Section.ERLAEUTERUNGEN
    intro = (
        "Absätze mit der Eingabetaste trennen, Zeilenumbruch im Absatz mit Umschalt+Eingabe. "
        "Aus Word eingefügter Text behält Überschriften, Listen und Tabellen, aber nicht "
        "Schriftart und Farben."
    )

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.editor = RichTextEditor(self, placeholder="Anlass, Sachstand, Begründung …")
        self.editor.setMinimumHeight(420)
        self.editor.editor.setAccessibleName("Erläuterungen")
        self.binder.rich_text(self.editor, "erlaeuterungen")
        self.layout_.addWidget(self.editor, 1)
