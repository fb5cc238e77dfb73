"""A Beratung status other than Geplant/Erledigt in the wizard (issue 18): shown as it is in
the row list and the editable status combo, kept when saved unchanged, typed with real keys and
saved verbatim (docs/domain.md §3)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from forms import projectfile
from forms.labels import Section
from forms.model import Beratung, Vorlage
from tests.desktop.typing import type_text


def _file(tmp_path, *statuses: str):
    v = Vorlage(profil="aachen")
    v.beratungsfolge = [
        Beratung(status=s, datum=dt.date(2025, 5, 6), gremium="Hauptausschuss") for s in statuses
    ]
    path = tmp_path / "status.vorlage.json"
    projectfile.save(v, path)
    return path


def _replace_status(qtbot, page, text: str) -> None:
    edit = page.status.lineEdit()
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_verbatim_status_is_shown_and_kept_when_saved(window, qtbot, tmp_path):
    path = _file(tmp_path, "abgesetzt", "Erledigt")
    before = path.read_bytes()
    assert window.session.open_file(path)
    page = window.go_to(Section.BERATUNGSFOLGE)
    assert [page.table.item(r, 0).text() for r in range(2)] == ["● abgesetzt", "● Erledigt"]
    page.table.selectRow(0)
    assert page.status.currentText() == "abgesetzt"
    # The two known statuses are offered; the verbatim one is not added to the list.
    assert [page.status.itemText(i) for i in range(page.status.count())] == [
        "Geplant",
        "Erledigt",
    ]
    page.table.selectRow(1)
    assert page.status.currentText() == "Erledigt"
    page.table.selectRow(0)
    assert page.status.currentText() == "abgesetzt"
    window.session.save()
    assert path.read_bytes() == before


def test_typing_a_status_saves_it_verbatim(window, qtbot, tmp_path):
    path = _file(tmp_path, "Geplant")
    assert window.session.open_file(path)
    page = window.go_to(Section.BERATUNGSFOLGE)
    page.table.selectRow(0)
    _replace_status(qtbot, page, "zurückgestellt bis Mai")
    assert window.document.vorlage.beratungsfolge[0].status == "zurückgestellt bis Mai"
    assert page.table.item(0, 0).text() == "● zurückgestellt bis Mai"
    assert window.isWindowModified()
    window.session.save()
    assert projectfile.load(path).beratungsfolge[0].status == "zurückgestellt bis Mai"
    assert [page.status.itemText(i) for i in range(page.status.count())] == [
        "Geplant",
        "Erledigt",
    ]

    # A known status typed in another case is the known one.
    _replace_status(qtbot, page, "erledigt")
    assert window.document.vorlage.beratungsfolge[0].status == "Erledigt"
    window.session.save()
    assert projectfile.load(path).beratungsfolge[0].status == "Erledigt"


def test_undo_gives_the_verbatim_status_back(window, qtbot, tmp_path):
    path = _file(tmp_path, "vertagt")
    assert window.session.open_file(path)
    page = window.go_to(Section.BERATUNGSFOLGE)
    page.table.selectRow(0)
    _replace_status(qtbot, page, "Geplant")
    assert window.document.vorlage.beratungsfolge[0].status == "Geplant"
    window.document.undo()
    assert window.document.vorlage.beratungsfolge[0].status == "vertagt"
    qtbot.waitUntil(lambda: page.status.currentText() == "vertagt")
