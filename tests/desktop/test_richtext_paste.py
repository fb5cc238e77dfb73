"""A heading pasted from Word stays a heading: in the editor, the stored Markdown and the PDF.

Pasted with a real Strg+V from the clipboard into the real editor; the PDF is read back
(bookmarks with pikepdf, the tag tree with poppler).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.widgets.richtext import RichTextEditor
from tests.desktop.typing import type_text
from tests.forms.pdfutil import erlaeuterungen_headings, open_pdf, render_erlaeuterungen

CTRL = Qt.KeyboardModifier.ControlModifier
# Word's clipboard (tests/desktop/word_clipboard.html) with its heading as "Überschrift 2".
WORD = (
    (Path(__file__).parent / "word_clipboard.html")
    .read_text(encoding="utf-8")
    .replace("<h1>", "<h2>")
    .replace("</h1>", "</h2>")
)
PASTED = (
    "## Ausgangslage\n\n"
    "Die Verwaltung berichtet:\n\n"
    "- Erster **Punkt**\n  - Unterpunkt\n- Zweiter Punkt\n\n"
    "1. Ziel eins\n2. Ziel zwei\n\n"
    "Schluss mit *kursiv*."
)


def _paste(qtbot, editor: RichTextEditor, html: str) -> None:
    data = QMimeData()
    data.setHtml(html)
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(editor.editor, Qt.Key.Key_V, CTRL)


def _headings(editor: RichTextEditor) -> list[tuple[str, int]]:
    found = []
    block = editor.editor.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((block.text().strip(), block.blockFormat().headingLevel()))
        block = block.next()
    return found


@pytest.mark.parametrize("enter", [True, False], ids=["new line", "end of a paragraph"])
def test_word_heading_pasted_after_a_paragraph_stays_a_heading(editor, qtbot, enter):
    ed = editor.editor
    type_text(qtbot, ed, "Vorweg ein Absatz.")
    if enter:
        qtbot.keyClick(ed, Qt.Key.Key_Return)
    _paste(qtbot, editor, WORD)
    stored = editor.markdown()
    assert stored == "Vorweg ein Absatz.\n\n" + PASTED
    assert _headings(editor) == [("Ausgangslage", 2)]
    # Printed as a heading with its bookmark.
    data = render_erlaeuterungen(stored)
    assert erlaeuterungen_headings(data) == [("H3", "Ausgangslage")]
    with open_pdf(data).open_outline() as outline:
        (betreff,) = outline.root
        erl = next(item for item in betreff.children if item.title == "Erläuterungen")
        assert [c.title for c in erl.children] == ["Ausgangslage"]


def test_a_heading_pasted_inside_a_paragraph_splits_it(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Vorher nachher")
    cursor = ed.textCursor()
    cursor.setPosition(len("Vorher "))
    ed.setTextCursor(cursor)
    _paste(qtbot, editor, "<h2>Titel</h2>")
    assert editor.markdown() == "Vorher\n\n## Titel\n\nnachher"
    assert _headings(editor) == [("Titel", 2)]
    # One Strg+Z takes the whole paste back.
    qtbot.keyClick(ed, Qt.Key.Key_Z, CTRL)
    assert editor.markdown() == "Vorher nachher"
    assert _headings(editor) == []


def test_a_pasted_paragraph_still_joins_the_line(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Text ")
    ed.moveCursor(QTextCursor.MoveOperation.End)
    _paste(qtbot, editor, "<p>aus Word</p>")
    assert editor.markdown() == "Text aus Word"
