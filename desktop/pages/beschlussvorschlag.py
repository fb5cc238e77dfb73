"""Beschlussvorschlag: rich text, with a skeleton per Gremium from the Beratungsfolge."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from desktop import richtext
from desktop.pages.base import Page
from desktop.widgets.richtext import RichTextEditor
from forms.flow import beschluss_skeleton, beschlussvorschlag_erforderlich
from forms.labels import Section


class BeschlussvorschlagPage(Page):
    step = Section.BESCHLUSSVORSCHLAG
    intro = (
        "Bei mehreren Gremien je ein Absatz pro Gremium, in der Reihenfolge der Beratungsfolge. "
        "Das Verb zeigt die Zuständigkeit: „nimmt … zur Kenntnis“, „empfiehlt …“, „beschließt …“."
    )

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self.required_label = QLabel(self)
        self.required_label.setObjectName("hintLabel")
        self.required_label.setWordWrap(True)
        self.skeleton_button = QPushButton("Textbausteine aus der Beratungsfolge &einfügen", self)
        self.skeleton_button.setToolTip(
            "Fügt für jedes Gremium der Beratungsfolge einen Satz passend zur Zuständigkeit ein."
        )
        self.skeleton_button.clicked.connect(self.insert_skeleton)
        row = QHBoxLayout()
        row.addWidget(self.required_label, 1)
        row.addWidget(self.skeleton_button)
        self.editor = RichTextEditor(self, placeholder="Der Ausschuss … beschließt …")
        self.editor.setMinimumHeight(320)
        self.editor.editor.setAccessibleName("Beschlussvorschlag")
        self.binder.rich_text(self.editor, "beschlussvorschlag")
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.editor, 1)

    def refresh(self) -> None:
        vorlage = self.document.vorlage
        art = vorlage.grunddaten.vorlageart or "Vorlage"
        if beschlussvorschlag_erforderlich(vorlage, self.profile):
            self.required_label.setText(f"Für eine {art} ist der Beschlussvorschlag erforderlich.")
        else:
            self.required_label.setText(f"Für eine {art} ist der Beschlussvorschlag optional.")
        has_rows = any(r.gremium.strip() for r in vorlage.beratungsfolge)
        self.skeleton_button.setEnabled(has_rows)

    def insert_skeleton(self) -> None:
        text = beschluss_skeleton(self.document.vorlage, self.profile)
        if not text:
            return
        # One undo step ("Rückgängig: Textbausteine einfügen"), not part of the typing.
        with self.document.step("Textbausteine einfügen", focus="beschlussvorschlag"):
            cursor = self.editor.editor.textCursor()
            if self.editor.editor.document().isEmpty():
                self.editor.set_markdown(text)
                self.editor.markdownChanged.emit()
            else:
                cursor.movePosition(QTextCursor.MoveOperation.End)
                cursor.insertBlock()
                cursor.insertHtml(richtext.markdown_to_html(text))
            self.editor.flush()
        self.editor.editor.setFocus()
