"""The rich-text editor by keyboard alone, as in Word: real key presses on the real editor.

Each test checks the model (the stored Markdown) and the screen (QTextDocument formats).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.widgets.richtext import RichTextEditor
from tests.desktop.typing import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _blocks(editor: RichTextEditor) -> list[tuple[str, int, int | None, int]]:
    """(text, heading level, list level or None, block indent) per block on screen."""
    found = []
    block = editor.editor.document().begin()
    while block.isValid():
        text_list = block.textList()
        level = text_list.format().indent() if text_list is not None else None
        fmt = block.blockFormat()
        found.append((block.text().strip(), fmt.headingLevel(), level, fmt.indent()))
        block = block.next()
    return found


def _text_x(editor: RichTextEditor) -> list[float]:
    """Where each block's text starts on screen (list indent plus the block's own indent)."""
    layout = editor.editor.document().documentLayout()
    xs = []
    block = editor.editor.document().begin()
    while block.isValid():
        xs.append(layout.blockBoundingRect(block).x() + block.layout().lineAt(0).x())
        block = block.next()
    return xs


def test_heading_shortcuts_and_back_to_a_paragraph(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Anlass")
    qtbot.keyClick(ed, Qt.Key.Key_1, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Entwicklung")
    qtbot.keyClick(ed, Qt.Key.Key_2, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Unterpunkt")
    qtbot.keyClick(ed, Qt.Key.Key_3, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Text")
    qtbot.keyClick(ed, Qt.Key.Key_2, CTRL | ALT)
    qtbot.keyClick(ed, Qt.Key.Key_N, CTRL | SHIFT)  # Absatz (Word: Standard)
    assert editor.markdown() == "# Anlass\n\n## Entwicklung\n\n### Unterpunkt\n\nText"
    assert [(t, h) for t, h, _, _ in _blocks(editor)] == [
        ("Anlass", 1),
        ("Entwicklung", 2),
        ("Unterpunkt", 3),
        ("Text", 0),
    ]
    assert editor.style_combo.currentText() == "Absatz"


@pytest.mark.parametrize(
    ("keys", "mark"),
    [
        ((Qt.Key.Key_B, CTRL), "**"),
        ((Qt.Key.Key_F, CTRL | SHIFT), "**"),
        ((Qt.Key.Key_I, CTRL), "*"),
        ((Qt.Key.Key_K, CTRL | SHIFT), "*"),
    ],
)
def test_bold_and_italic_also_by_words_german_aliases(editor, qtbot, keys, mark):
    ed = editor.editor
    type_text(qtbot, ed, "Ein ")
    qtbot.keyClick(ed, *keys)
    type_text(qtbot, ed, "wichtiger")
    qtbot.keyClick(ed, *keys)
    type_text(qtbot, ed, " Satz.")
    assert editor.markdown() == f"Ein {mark}wichtiger{mark} Satz."
    cursor = ed.textCursor()
    cursor.setPosition(6)
    fmt = cursor.charFormat()
    assert (fmt.fontWeight() >= 700) == (mark == "**")
    assert fmt.fontItalic() == (mark == "*")


@pytest.mark.parametrize(
    ("keys", "stored"),
    [
        ((Qt.Key.Key_L, CTRL | SHIFT), "- eins\n- zwei"),
        ((Qt.Key.Key_F12, SHIFT), "- eins\n- zwei"),
        ((Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier), "1. eins\n2. zwei"),
    ],
)
def test_list_buttons_by_shortcut(editor, qtbot, keys, stored):
    ed = editor.editor
    qtbot.keyClick(ed, *keys)
    type_text(qtbot, ed, "eins")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "zwei")
    assert editor.markdown() == stored
    assert [lv for _, _, lv, _ in _blocks(editor)] == [1, 1]
    qtbot.keyClick(ed, *keys)  # the same key again: back to a paragraph
    assert editor.markdown().endswith("\n\nzwei")
    assert _blocks(editor)[-1][2] is None


def test_table_and_row_by_shortcut(editor, qtbot):
    ed = editor.editor
    qtbot.keyClick(ed, Qt.Key.Key_F12, CTRL)
    type_text(qtbot, ed, "Jahr")
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    type_text(qtbot, ed, "Betrag")
    table = ed.textCursor().currentTable()
    assert table is not None and table.rows() == 2
    qtbot.keyClick(ed, Qt.Key.Key_Insert, ALT)  # + Zeile
    assert table.rows() == 3
    assert editor.markdown() == (
        "| Jahr | Betrag |  |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |"
    )


def test_outdent_moves_a_sub_item_out_on_screen_as_stored(editor, qtbot):
    editor.set_markdown("- eins\n  - a\n  - b\n- zwei")
    ed = editor.editor
    cursor = ed.textCursor()
    cursor.setPosition(ed.document().findBlockByNumber(1).position())
    ed.setTextCursor(cursor)
    xs_before = _text_x(editor)
    qtbot.keyClick(ed, Qt.Key.Key_M, CTRL | SHIFT)
    stored = editor.markdown()
    assert stored == "- eins\n- a\n  - b\n- zwei"
    # On screen: "a" sits where "eins" sits, with no indent of its own, as the file says.
    assert _blocks(editor) == [("eins", 0, 1, 0), ("a", 0, 1, 0), ("b", 0, 2, 0), ("zwei", 0, 1, 0)]
    xs = _text_x(editor)
    assert xs[1] == xs[0] < xs_before[1]
    # Exactly what the saved Markdown shows when opened again.
    reopened = RichTextEditor()
    qtbot.addWidget(reopened)
    reopened.resize(editor.size())
    reopened.show()
    reopened.set_markdown(stored)
    assert _blocks(reopened) == _blocks(editor)
    assert _text_x(reopened) == xs
    # And back in (Strg+M): one level deeper again, on screen as stored.
    qtbot.keyClick(ed, Qt.Key.Key_M, CTRL)
    assert editor.markdown() == "- eins\n  - a\n  - b\n- zwei"
    assert _blocks(editor)[1] == ("a", 0, 2, 0)
    assert _text_x(editor)[1] == _text_x(editor)[2]


def test_outdent_out_of_the_list(editor, qtbot):
    editor.set_markdown("1. eins\n2. zwei")
    ed = editor.editor
    ed.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(ed, Qt.Key.Key_M, CTRL | SHIFT)
    assert editor.markdown() == "1. eins\n\nzwei"
    assert _blocks(editor)[1] == ("zwei", 0, None, 0)


@pytest.mark.parametrize(
    ("typed", "stored", "numbered"),
    [("- ", "- eins\n- zwei", False), ("1. ", "1. eins\n2. zwei", True)],
)
def test_typing_a_marker_starts_a_list(editor, qtbot, typed, stored, numbered):
    ed = editor.editor
    type_text(qtbot, ed, typed + "eins")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "zwei")
    assert editor.markdown() == stored
    assert [(t, lv) for t, _, lv, _ in _blocks(editor)] == [("eins", 1), ("zwei", 1)]
    style = ed.document().begin().textList().format().style()
    assert (style.name == "ListDecimal") == numbered


@pytest.mark.parametrize("typed", ["- ", "1. "])
def test_one_undo_gives_back_the_typed_marker_as_text(editor, qtbot, typed):
    ed = editor.editor
    type_text(qtbot, ed, "Vorweg.")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, typed)
    assert _blocks(editor)[1][2] == 1  # a list item now, its text still empty
    qtbot.keyClick(ed, Qt.Key.Key_Z, CTRL)
    assert ed.document().findBlockByNumber(1).text() == typed
    assert _blocks(editor)[1][2] is None
    type_text(qtbot, ed, "Text")
    assert editor.markdown() == "Vorweg.\n\n" + typed.replace("-", "\\-").replace(".", "\\.") + (
        "Text"
    )


def test_a_marker_inside_a_line_or_a_heading_stays_text(editor, qtbot):
    ed = editor.editor
    type_text(qtbot, ed, "Ein - Strich und 1. Rang")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Titel")
    qtbot.keyClick(ed, Qt.Key.Key_2, CTRL | ALT)
    ed.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    type_text(qtbot, ed, "- ")
    assert [lv for _, _, lv, _ in _blocks(editor)] == [None, None]
    assert editor.markdown() == "Ein - Strich und 1. Rang\n\n## \\- Titel"
