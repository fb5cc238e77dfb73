"""The rich-text editor stores the canonical Markdown and reads it back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from desktop.widgets.richtext import RichTextEditor
from forms import markdown
from tests.desktop.typing import type_text

SAMPLES = [
    "Ein Absatz.\n\nZweiter Absatz mit **fett** und *kursiv*.",
    "Zeile eins\\\nZeile zwei im selben Absatz",
    "# Anlass\n\n## Entwicklung des MIV\n\n### Unterpunkt\n\nText.",
    "- eins\n- zwei\n  - zwei a\n  - zwei b\n- drei",
    "1. Ausgangslage\n2. Ziel\n   1. Teilziel\n   2. Teilziel\n3. Umsetzung",
    "| Jahr | Betrag |\n| --- | --- |\n| 2021 (Plan) | 1\\.000,00 € |\n| 2022 | 2\\.500,00 € |",
    "Akteur\\*innen und Bürger\\*innen, Einwohner:innen, „Zitat“ und ‚halb‘ – § 60 GO NRW, "
    "100 % \\& mehr, CO2, Preis 1.825.900,00 €, 18.10.2023",
    "1\\. Januar ist kein Listenpunkt, \\<b\\> ist kein HTML, a\\_b\\_c.",
    "Vor&nbsp;geschütztem Leerzeichen",
]


@pytest.fixture
def editor(app, qtbot):
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("text", SAMPLES)
def test_markdown_round_trips_through_the_editor(editor, text):
    assert markdown.normalize(text) == text, "sample must be canonical"
    editor.set_markdown(text)
    assert editor.markdown() == text


def test_example_erlaeuterungen_round_trip(editor, example):
    editor.set_markdown(example.erlaeuterungen)
    assert editor.markdown() == example.erlaeuterungen


def test_typed_gender_star_stays_literal(editor, qtbot):
    editor.editor.setFocus()
    type_text(qtbot, editor.editor, "Bürger*innen und Akteur*innen")
    stored = editor.markdown()
    assert stored == "Bürger\\*innen und Akteur\\*innen"
    assert markdown.plain_text(stored) == "Bürger*innen und Akteur*innen"


def test_toolbar_heading_bold_lists_indent(editor, qtbot):
    ed = editor.editor
    ed.setFocus()
    type_text(qtbot, ed, "Anlass")
    editor.set_heading(1)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    editor.set_heading(0)
    type_text(qtbot, ed, "Ein ")
    qtbot.keyClick(ed, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, ed, "wichtiger")
    qtbot.keyClick(ed, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, ed, " Satz.")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    editor.make_list(numbered=True)
    type_text(qtbot, ed, "Erstens")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Unterpunkt")
    editor.indent(1)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Zweitens")
    editor.indent(-1)
    assert editor.markdown() == (
        "# Anlass\n\nEin **wichtiger** Satz.\n\n1. Erstens\n   1. Unterpunkt\n2. Zweitens"
    )


def test_italic_shortcut_and_bullets(editor, qtbot):
    ed = editor.editor
    ed.setFocus()
    editor.make_list(numbered=False)
    type_text(qtbot, ed, "Punkt ")
    qtbot.keyClick(ed, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, ed, "eins")
    qtbot.keyClick(ed, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "Punkt zwei")
    assert editor.markdown() == "- Punkt *eins*\n- Punkt zwei"


def test_insert_table(editor, qtbot):
    ed = editor.editor
    ed.setFocus()
    editor.insert_table()
    type_text(qtbot, ed, "Jahr")
    qtbot.keyClick(ed, Qt.Key.Key_Tab)
    type_text(qtbot, ed, "Betrag")
    assert editor.markdown().startswith("| Jahr | Betrag |  |\n| --- | --- | --- |")


WORD_HTML = """
<html><head><style>p.MsoNormal {font-family: Calibri; color: #1f497d}</style></head><body>
<h1 style="font-family: 'Cambria'; color: red; font-size: 20pt">Sachstand</h1>
<p class="MsoNormal" style="font-family: Calibri; font-size: 11pt; color: #1f497d;
   background: yellow"><span style="font-family: Arial">Text mit <b>fett</b> und
   <i>kursiv</i> in <font face="Comic Sans MS" color="green">fremder Schrift</font>.</span></p>
<ul><li style="color: blue">erster Punkt</li><li>zweiter Punkt</li></ul>
<table border="1"><tr><td>Jahr</td><td>Betrag</td></tr><tr><td>2024</td><td>1.000</td></tr></table>
</body></html>
"""


def test_paste_from_word_keeps_structure_and_drops_styling(editor):
    data = QMimeData()
    data.setHtml(WORD_HTML)
    data.setText("nur Text")
    editor.editor.insertFromMimeData(data)
    stored = editor.markdown()
    assert stored == (
        "# Sachstand\n\n"
        "Text mit **fett** und *kursiv* in fremder Schrift.\n\n"
        "- erster Punkt\n- zweiter Punkt\n\n"
        "| Jahr | Betrag |\n| --- | --- |\n| 2024 | 1\\.000 |"
    )
    # No foreign fonts or colours survive in the editor's document.
    html = editor.editor.toHtml()
    for foreign in ("Calibri", "Comic Sans", "Cambria", "#1f497d", "yellow", "green"):
        assert foreign not in html
    cursor = editor.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    assert cursor.blockFormat().headingLevel() == 1


def test_paste_plain_text(editor):
    data = QMimeData()
    data.setText("Erste Zeile\nZweite Zeile")
    editor.editor.insertFromMimeData(data)
    assert editor.markdown() == "Erste Zeile\n\nZweite Zeile"


def test_paste_word_list_paragraphs_become_lists(editor):
    # What Word 2016 puts on the clipboard: list items are <p> with mso-list styles.
    html = (Path(__file__).parent / "word_clipboard.html").read_text(encoding="utf-8")
    data = QMimeData()
    data.setHtml(html)
    editor.editor.insertFromMimeData(data)
    assert editor.markdown() == (
        "# Ausgangslage\n\n"
        "Die Verwaltung berichtet:\n\n"
        "- Erster **Punkt**\n  - Unterpunkt\n- Zweiter Punkt\n\n"
        "1. Ziel eins\n2. Ziel zwei\n\n"
        "Schluss mit *kursiv*."
    )
    assert "Calibri" not in editor.editor.toHtml()
    assert "Symbol" not in editor.editor.toHtml()


# -- the subset round-trips, a keystroke changes nothing else (issue #13, item 2) ---------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from forms.markdown import MAX_LIST_DEPTH, in_subset, unsupported  # noqa: E402
from tests.forms.strategies import subset_markdown, word_list_html  # noqa: E402

_QT_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_QT_SETTINGS
@given(text=subset_markdown(), where=st.floats(0, 1))
def test_subset_survives_load_type_delete(editor, qtbot, text, where):
    editor.set_markdown(text)
    assert editor.markdown() == text
    assert editor.notice.isHidden()
    ed = editor.editor
    cursor = ed.textCursor()
    cursor.setPosition(round(where * (ed.document().characterCount() - 1)))
    ed.setTextCursor(cursor)
    qtbot.keyClick(ed, Qt.Key.Key_X)
    typed = editor.markdown()
    assert typed != text
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert editor.markdown() == text, (typed, ed.textCursor().position())


KEEPS = [
    "3. drei\n4. vier",
    'Siehe [Ratsinfo](https://ratsinfo.aachen.de "Ratsinfo") und [Plan](https://a.de/plan)',
    "![Lageplan des Spielplatzes](anlage1.png) vor dem Text",
    "> Zitat aus § 41 GO NRW\n>\n> zweiter Absatz\n\nDanach.",
    "~~gestrichen~~ und `Code` und ~~**beides**~~",
    "Oben\n\n---\n\nUnten",
    "```\nZeile 1\n  eingerückt *nicht kursiv*\n```",
    "| Jahr | Betrag | Mitte |\n| --- | ---: | :---: |\n| 2024 | 1\\.000 | x |",
    "#### Vierte Ebene\n\n###### Sechste",
    "# Titel mit *kursiv* und **fett**",
    "Zwei  Leerzeichen bleiben, auch in `Code  mit  Abstand`",
]


@pytest.mark.parametrize("text", KEEPS)
def test_a_keystroke_keeps_everything_else(editor, qtbot, text):
    assert in_subset(text), unsupported(text)
    editor.set_markdown(text)
    assert editor.markdown() == text
    ed = editor.editor
    ed.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, ed, " x")
    assert editor.markdown().startswith(text[: text.rfind("\n") + 1])
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert editor.markdown() == text


@_QT_SETTINGS
@given(word_list_html())
def test_pasted_word_list_interrupted_by_a_paragraph_keeps_its_numbers(editor, case):
    html, numbers = case
    editor.editor.clear()
    data = QMimeData()
    data.setHtml(html)
    editor.editor.insertFromMimeData(data)
    stored = editor.markdown()
    shown = [int(n) for n in re.findall(r"^(\d+)\. Punkt", stored, re.MULTILINE)]
    assert shown == numbers
    assert [int(n) for n in re.findall(r"Punkt (\d+)", stored)] == numbers


def test_indent_button_refuses_beyond_the_limit_and_says_why(editor, qtbot):
    ed = editor.editor
    ed.setFocus()
    editor.make_list(numbered=False)
    type_text(qtbot, ed, "Ebene 1")
    for level in range(2, MAX_LIST_DEPTH + 1):
        qtbot.keyClick(ed, Qt.Key.Key_Return)
        editor.indent(1)
        type_text(qtbot, ed, f"Ebene {level}")
    assert editor.notice.isHidden()
    stored = editor.markdown()
    assert stored.count("- Ebene") == MAX_LIST_DEPTH
    assert markdown.normalize(stored) == stored
    assert markdown.plain_text(stored).split("\n") == [
        f"Ebene {n}" for n in range(1, MAX_LIST_DEPTH + 1)
    ]
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    type_text(qtbot, ed, "zu tief")
    editor.indent(1)  # what ⇥ and Ctrl+M do
    assert not editor.notice.isHidden()
    assert f"höchstens {MAX_LIST_DEPTH} Ebenen" in editor.notice.text()
    assert editor.markdown().endswith(" " * 16 + "- zu tief")
    assert markdown.plain_text(editor.markdown()).endswith("Ebene 9\nzu tief")


def test_text_outside_the_subset_is_converted_once_on_opening_and_said(editor, qtbot):
    nested = "> > verschachtelt\n\n" + "\n".join("  " * d + f"- Ebene {d + 1}" for d in range(12))
    with qtbot.waitSignal(editor.markdownChanged, timeout=1000):
        editor.set_markdown(nested)
    assert not editor.notice.isHidden()
    assert "Zitat in einem Zitat" in editor.notice.text()
    assert "mehr als 9 Ebenen" in editor.notice.text()
    converted = editor.markdown()
    assert converted != markdown.normalize(nested)
    text = markdown.plain_text(converted)
    assert "verschachtelt" in text
    assert all(f"Ebene {d + 1}" in text for d in range(12))
    # Once converted, it is in the subset: a keystroke changes nothing else.
    assert in_subset(converted)
    ed = editor.editor
    ed.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, ed, "x")
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert editor.markdown() == converted
