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
        self.binder.custom(
            self.editor.editor,
            "erlaeuterungen",
            self.editor.markdownChanged,
            self.editor.markdown,
            self.editor.set_markdown,
            fmt=lambda v: v or "",
        )
        # The clerk's work counts as unsaved from the first keystroke on.
        self.editor.edited.connect(lambda: self.document.set_dirty(True))
        self.layout_.addWidget(self.editor, 1)

    def flush(self) -> None:
        self.editor.flush()
