"""Spell checking as a clerk meets it: typed with real keys, underlined, corrected by menu."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from desktop.widgets.spellcheck import TextField, underlined
from desktop.widgets.spellline import LineField
from forms.flow import Extra
from forms.labels import Section
from forms.spelling import SpellingProblem, UserDictionary
from tests.desktop.typing import type_text


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The user dictionary lives in the user data folder (platformdirs): a fresh one per test.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "daten"))
    return tmp_path / "daten" / "vorlagen-assistent" / "woerterbuch.txt"


def _ready(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.spelling.ready, timeout=10_000)


def _editor(qtbot, window, section=Section.ERLAEUTERUNGEN):
    page = window.go_to(section)
    editor = page.editor.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    _ready(qtbot, window)
    return editor


def _marks(editor) -> list[tuple[str, int, int]]:
    """Every underlined word of the editor: (word, paragraph, start), from the QTextLayouts."""
    found = []
    block = editor.document().begin()
    while block.isValid():
        for start, length in underlined(block):
            found.append((block.text()[start : start + length], block.blockNumber(), start))
        block = block.next()
    return found


def _word_point(widget, position: int | None = None) -> QPoint:
    """Where the text cursor is (in a QLineEdit after moving it to `position`)."""
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(position or 0)
        return widget.cursorRect().center()
    return widget.viewport().mapTo(widget, widget.cursorRect().center())


def _choose_from_context_menu(qtbot, widget, text: str, at: QPoint | None = None) -> list[str]:
    """Right-click on the word at the cursor, pick `text` with arrow keys and Enter."""
    seen: list[str] = []
    at = at or _word_point(widget)

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        actions = [a for a in menu.actions() if not a.isSeparator()]
        seen.extend(a.text() for a in actions)
        enabled = [a for a in actions if a.isEnabled()]
        if text not in [a.text() for a in enabled]:
            menu.close()  # the assertion below names what the menu offered; no hang
            return
        for _ in range(enabled.index(next(a for a in enabled if a.text() == text)) + 1):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    deadline = time.monotonic() + 20  # suggestions for a long compound take a while

    def later() -> None:
        if isinstance(QApplication.activePopupWidget(), QMenu):
            pick()
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, later)

    QTimer.singleShot(20, later)
    # The event a right click on the word makes (QTest cannot deliver a right click to the
    # widget under the mouse reliably across windows): to the viewport of a text editor.
    target = widget if isinstance(widget, QLineEdit) else widget.viewport()
    local = target.mapFrom(widget, at)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, local, target.mapToGlobal(local))
    QApplication.sendEvent(target, event)
    assert seen, "kein Kontextmenü"
    assert text in seen, f"„{text}“ nicht im Kontextmenü: {seen}"
    return seen


def test_a_misspelt_word_is_underlined_after_it_is_typed(qtbot, window) -> None:
    editor = _editor(qtbot, window)
    type_text(qtbot, editor, "Die Maßnahmme")
    qtbot.wait(100)
    # Still being typed: no judgement yet (the cursor is at its end).
    assert _marks(editor) == []
    type_text(qtbot, editor, " wird umgesetzt.")
    qtbot.waitUntil(lambda: _marks(editor) == [("Maßnahmme", 0, 4)])
    # Underlining is no edit: the model holds the text as typed, nothing else.
    window.document.flush()
    assert window.document.vorlage.erlaeuterungen == "Die Maßnahmme wird umgesetzt."


def test_the_underline_is_painted_red(qtbot, window) -> None:
    editor = _editor(qtbot, window)
    type_text(qtbot, editor, "Maßnahmme ")
    qtbot.waitUntil(lambda: bool(_marks(editor)))
    qtbot.wait(50)
    image = editor.viewport().grab().toImage()
    red = sum(
        1
        for x in range(0, min(image.width(), 200))
        for y in range(image.height())
        if _reddish(image.pixelColor(x, y))
    )
    assert red > 10


def _reddish(color: QColor) -> bool:
    # The wave is antialiased: #d32f2f blended with the white page.
    return color.red() - color.green() > 60 and color.red() - color.blue() > 60


def test_correct_from_the_context_menu(qtbot, window) -> None:
    editor = _editor(qtbot, window)
    type_text(qtbot, editor, "Die Maßnahmme wirkt.")
    qtbot.waitUntil(lambda: bool(_marks(editor)))
    for _ in range(len(" wirkt.") + 3):
        qtbot.keyClick(editor, Qt.Key.Key_Left)
    seen = _choose_from_context_menu(qtbot, editor, "Maßnahme")
    assert seen[0] == "Maßnahme"
    assert "Ignorieren" in seen and "Zum Wörterbuch hinzufügen" in seen
    # The standard entries stay below the suggestions.
    assert any("Kopieren" in s or "Copy" in s for s in seen)
    assert editor.toPlainText() == "Die Maßnahme wirkt."
    qtbot.waitUntil(lambda: _marks(editor) == [])
    window.document.flush()
    assert window.document.vorlage.erlaeuterungen == "Die Maßnahme wirkt."
    # The correction is one step of the document's undo: Rückgängig in the same menu gives
    # the typed word back (the typing before it is a step of its own).
    assert window.document.undo_stack.canUndo()
    _choose_from_context_menu(qtbot, editor, "&Rückgängig\tStrg+Z")
    qtbot.waitUntil(lambda: window.document.vorlage.erlaeuterungen == "Die Maßnahmme wirkt.")
    assert editor.toPlainText().rstrip() == "Die Maßnahmme wirkt."
    assert window.document.vorlage.erlaeuterungen == "Die Maßnahmme wirkt."


def test_ignore_clears_every_occurrence(qtbot, window) -> None:
    editor = _editor(qtbot, window)
    type_text(qtbot, editor, "Quuxwort und Quuxwort.")
    qtbot.waitUntil(lambda: len(_marks(editor)) == 2)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    _choose_from_context_menu(qtbot, editor, "Ignorieren")
    qtbot.waitUntil(lambda: _marks(editor) == [])
    assert "Quuxwort" in window.spelling.ignored


def test_add_to_dictionary_writes_the_user_dictionary(qtbot, window, user_data, app) -> None:
    editor = _editor(qtbot, window)
    type_text(qtbot, editor, "Quartiersbüro Quartiersbox ")
    qtbot.waitUntil(lambda: [m[0] for m in _marks(editor)] == ["Quartiersbüro", "Quartiersbox"])
    user_data.parent.mkdir(parents=True)
    user_data.write_text("Aachener\n", encoding="utf-8")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    _choose_from_context_menu(qtbot, editor, "Zum Wörterbuch hinzufügen")
    qtbot.waitUntil(lambda: [m[0] for m in _marks(editor)] == ["Quartiersbox"])
    # Written whole (temp file, then rename), sorted, one word a line; no temp file left.
    assert user_data.read_text(encoding="utf-8") == "Aachener\nQuartiersbüro\n"
    assert sorted(p.name for p in user_data.parent.iterdir()) == ["woerterbuch.txt"]
    assert "Quartiersbüro" in UserDictionary(user_data).words


def test_the_user_dictionary_is_known_in_the_next_session(
    qtbot, user_data, app, dialogs, settings
) -> None:
    from desktop.startup import build_window

    user_data.parent.mkdir(parents=True)
    user_data.write_text("Quartiersbüro\n", encoding="utf-8")
    win = build_window(settings, dialogs)
    qtbot.addWidget(win)
    win.show()
    editor = _editor(qtbot, win)
    type_text(qtbot, editor, "Quartiersbüro Quartiersbox ")
    qtbot.waitUntil(lambda: [m[0] for m in _marks(editor)] == ["Quartiersbox"])
    win.document.set_dirty(False)
    win.close()


def test_profile_and_catalogue_words_are_known(qtbot, window) -> None:
    editor = _editor(qtbot, window)
    # "Mobilitätsausschuss" (a Gremium of the profile) is not in the German dictionary.
    assert window.spelling.checker.verdicts.get("Mobilitätsausschuss") in (None, False)
    type_text(qtbot, editor, "Der Mobilitätsausschuss tagt in Kornelimünster und Xyzheim. ")
    qtbot.waitUntil(lambda: [m[0] for m in _marks(editor)] == ["Xyzheim"])
    # A Dienststelle typed into this Vorlage (its own catalogue) is known from then on.
    window.document.set("grunddaten.verfasst_von", "Xyzheim")
    qtbot.waitUntil(lambda: _marks(editor) == [])


def test_betreff_and_anlage_title_are_checked(qtbot, window) -> None:
    page = window.go_to(Section.GRUNDDATEN)
    _ready(qtbot, window)
    betreff = page.betreff
    betreff.setFocus()
    type_text(qtbot, betreff, "Sachstand der Maßnahmme ")
    field = window.spelling.field_for("grunddaten.betreff")
    assert isinstance(field, TextField)
    qtbot.waitUntil(lambda: underlined(betreff.document().firstBlock()) == [(14, 9)])

    anlagen = window.go_to(Section.ANLAGEN)
    qtbot.mouseClick(anlagen.add_button, Qt.MouseButton.LeftButton)
    titel = anlagen.titel
    titel.setFocus()
    type_text(qtbot, titel, "Lageplan der Maßnahmme")
    line = window.spelling.field_for("anlagen.0.titel")
    assert isinstance(line, LineField)
    qtbot.keyClick(titel, Qt.Key.Key_Tab)  # leaving the field judges the last word
    qtbot.waitUntil(lambda: line.formats() == [(13, 9)])
    titel.setFocus()
    seen = _choose_from_context_menu(qtbot, titel, "Maßnahme", _word_point(titel, 15))
    assert "Ignorieren" in seen
    assert titel.text() == "Lageplan der Maßnahme"
    assert window.document.vorlage.anlagen[0].titel == "Lageplan der Maßnahme"


def test_review_page_counts_unknown_words_and_jumps_to_the_first(qtbot, window) -> None:
    window.document.set("erlaeuterungen", "Erster Absatz.\n\nDie Maßnahmme und die Umsetzzung.")
    pruefen = window.go_to(Extra.PRUEFEN)

    def spelling_items():
        items = [pruefen.list.item(i) for i in range(pruefen.list.count())]
        return [i for i in items if "Rechtschreibung" in i.text()]

    qtbot.waitUntil(lambda: len(spelling_items()) == 1)
    item = spelling_items()[0]
    assert "2 unbekannte Wörter" in item.text()
    assert "„Maßnahmme“, „Umsetzzung“" in item.text()
    assert "Hinweis" in pruefen.summary.text()
    problem = item.data(Qt.ItemDataRole.UserRole)
    assert isinstance(problem, SpellingProblem)
    pruefen.list.setCurrentItem(item)
    pruefen.list.setFocus()
    qtbot.keyClick(pruefen.list, Qt.Key.Key_Return)
    assert window.current_step() == Section.ERLAEUTERUNGEN
    editor = window.pages[Section.ERLAEUTERUNGEN].editor.editor
    qtbot.waitUntil(lambda: editor.textCursor().selectedText() == "Maßnahmme")


def test_underlining_a_loaded_text_marks_no_change(qtbot, window, example_path) -> None:
    assert window.session.load(example_path)
    editor = window.go_to(Section.ERLAEUTERUNGEN).editor.editor
    _ready(qtbot, window)
    qtbot.waitUntil(lambda: bool(_marks(editor)), timeout=10_000)
    assert not window.document.dirty


def test_a_long_pasted_text_is_underlined_in_slices_between_keys(
    qtbot, window, monkeypatch
) -> None:
    # One paragraph per slice: the underlining of a whole text is seen half done, keys typed
    # meanwhile go in, and in the end every paragraph is marked (issue 19: no stall typing).
    monkeypatch.setattr("desktop.widgets.spellcheck.SLICE_SECONDS", 0.0)
    editor = _editor(qtbot, window)
    paragraphs = 200
    text = "\n\n".join(f"Absatz {n} mit der Maßnahmme dazu." for n in range(paragraphs))
    QApplication.clipboard().setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(_marks(editor)), timeout=10_000)
    assert window.spelling.busy
    assert len(_marks(editor)) < paragraphs
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Ende")
    qtbot.waitUntil(lambda: not window.spelling.busy, timeout=20_000)
    assert [m[0] for m in _marks(editor)] == ["Maßnahmme"] * paragraphs
    window.document.flush()
    assert window.document.vorlage.erlaeuterungen.endswith("mit der Maßnahmme dazu. Ende")
