"""Typed, pasted and loaded text look the same in the editor (issue 12).

A paragraph typed into an empty editor had 0 px spacing and single line height, the same
paragraph after saving and opening again (or pasted from Word) 12 px and 135 %; Enter at a
heading's end went on in the heading. Real key presses; the reference is the editor showing
the same Markdown loaded from a file.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.widgets.richtext import RichTextEditor
from tests.desktop.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _spacing(editor: RichTextEditor) -> list[tuple[int, float, float, float, int]]:
    """(heading level, top and bottom margin, line height and its type) per block."""
    found = []
    block = editor.editor.document().begin()
    while block.isValid():
        fmt = block.blockFormat()
        found.append(
            (
                fmt.headingLevel(),
                fmt.topMargin(),
                fmt.bottomMargin(),
                fmt.lineHeight(),
                fmt.lineHeightType(),
            )
        )
        block = block.next()
    return found


def _loaded(qtbot, markdown: str) -> RichTextEditor:
    other = RichTextEditor()
    qtbot.addWidget(other)
    other.resize(600, 400)
    other.set_markdown(markdown)
    return other


def _height(editor: RichTextEditor) -> float:
    editor.editor.document().setTextWidth(500)
    return editor.editor.document().size().height()


def test_typed_paragraphs_are_spaced_as_loaded_and_pasted_ones(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Erster Absatz.")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Zweiter Absatz.")
    assert editor.markdown() == "Erster Absatz.\n\nZweiter Absatz."

    loaded = _loaded(qtbot, editor.markdown())
    assert _spacing(editor) == _spacing(loaded)
    assert _spacing(editor)[0][1:] == (12.0, 12.0, 135.0, 1)  # not Qt's bare 0 px, 100 %
    assert _height(editor) == _height(loaded)

    pasted = _loaded(qtbot, "")
    data = QMimeData()
    data.setHtml("<p>Erster Absatz.</p><p>Zweiter Absatz.</p>")
    QApplication.clipboard().setMimeData(data)
    pasted.editor.setFocus()
    qtbot.keyClick(pasted.editor, Qt.Key.Key_V, CTRL)
    assert pasted.markdown() == editor.markdown()
    assert _spacing(pasted) == _spacing(editor)


def test_emptied_and_reopened_editor_still_types_paragraphs(editor, qtbot):
    editor.set_markdown("Alter Text")
    editor.set_markdown("")
    type_text(qtbot, editor.editor, "Neu")
    assert _spacing(editor) == _spacing(_loaded(qtbot, "Neu"))
    # Setting the format made no step Strg+Z could take back instead of the typing.
    qtbot.keyClick(editor.editor, Qt.Key.Key_Z, CTRL)
    assert editor.markdown() == ""


def test_heading_by_shortcut_is_spaced_as_a_loaded_heading(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Ausgangslage")
    qtbot.keyClick(ed, Qt.Key.Key_2, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Die Verwaltung berichtet.")
    assert editor.markdown() == "## Ausgangslage\n\nDie Verwaltung berichtet."
    assert _spacing(editor) == _spacing(_loaded(qtbot, editor.markdown()))
    # The paragraph after the heading is typed in normal text, not in heading print.
    assert ed.textCursor().charFormat().fontWeight() == QFont.Weight.Normal
    # Back to a paragraph (Strg+Umschalt+N): paragraph spacing again.
    ed.moveCursor(ed.textCursor().MoveOperation.Start)
    qtbot.keyClick(ed, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.markdown() == "Ausgangslage\n\nDie Verwaltung berichtet."
    assert _spacing(editor) == _spacing(_loaded(qtbot, editor.markdown()))


def test_enter_after_a_heading_is_one_undo_step(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Titel")
    qtbot.keyClick(ed, Qt.Key.Key_1, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert editor.markdown() == "# Titel"
    qtbot.keyClick(ed, Qt.Key.Key_Z, CTRL)
    assert ed.document().blockCount() == 1
    assert editor.markdown() == "# Titel"
    # Enter in the middle of a heading splits it into two headings, as in Word.
    ed.moveCursor(ed.textCursor().MoveOperation.Start)
    ed.moveCursor(ed.textCursor().MoveOperation.Right)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert editor.markdown() == "# T\n\n# itel"
