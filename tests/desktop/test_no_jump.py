"""The page does not jump: problem lines appear without moving the field being typed in."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from forms.labels import Section


def _y(widget) -> int:
    return widget.mapToGlobal(QPoint(0, 0)).y()


def test_fixing_a_problem_does_not_move_the_field(window, qtbot):
    window.session.new_vorlage()
    page = window.go_to(Section.GRUNDDATEN)
    assert "Der Betreff fehlt." in page.problems_label.text()
    page.betreff.setFocus()
    qtbot.wait(10)
    before = _y(page.betreff)
    qtbot.keyClicks(page.betreff, "Neubau")
    qtbot.wait(10)
    assert "Der Betreff fehlt." not in page.problems_label.text()
    assert _y(page.betreff) == before
    # Shown again, the page tidies up the room it kept.
    window.go_to(Section.BERATUNGSFOLGE)
    page = window.go_to(Section.GRUNDDATEN)
    qtbot.wait(10)
    assert page.problems_label.minimumHeight() == 0


def test_a_new_problem_line_does_not_move_the_field(window, qtbot):
    window.session.open_example()
    page = window.go_to(Section.GRUNDDATEN)
    page.scroll_area.verticalScrollBar().setValue(60)  # the form is scrolled a little
    page.verfasst_von.setFocus()
    qtbot.wait(10)
    before = _y(page.verfasst_von)
    page.verfasst_von.selectAll()
    qtbot.keyClick(page.verfasst_von, "a")
    qtbot.keyClick(page.verfasst_von, Qt.Key.Key_Backspace)  # "Verfasst von" fehlt
    qtbot.wait(10)
    assert "„Verfasst von“ fehlt." in page.problems_label.text()
    assert _y(page.verfasst_von) == before
