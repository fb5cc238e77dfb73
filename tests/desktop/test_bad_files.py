"""The wizard with bad files: the same German message as the CLI in a dialog, the program keeps
running, and the work that is open stays exactly as it was (still unsaved, still recoverable)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from desktop import autosave
from desktop.dialogs import Shown
from desktop.mainwindow import MainWindow
from forms import projectfile, recovery
from forms.labels import Section
from tests.desktop.typing import send_text
from tests.forms.bad_files import FILE_CASES, NAME

CASES = {case[0]: case for case in FILE_CASES}


@pytest.mark.parametrize(
    "case", ["kaputtes-json", "liste-oben", "falsche-typen", "neueres-schema", "leer", "pdf"]
)
def test_opening_a_bad_file_shows_the_message_and_keeps_the_open_work(
    window: MainWindow, dialogs, qtbot, tmp_path: Path, case: str
) -> None:
    _, content, message = CASES[case]
    page = window.go_to(Section.GRUNDDATEN)
    send_text(page.betreff, "meine ungespeicherte Arbeit")
    before = window.document.vorlage.model_copy(deep=True)
    path = tmp_path / NAME
    path.write_bytes(content)
    assert window.session.load(path) is False
    assert dialogs.shown[-1] == Shown("error", "Datei kann nicht geöffnet werden", message)
    assert window.document.vorlage == before and window.document.dirty
    assert page.betreff.toPlainText() == "meine ungespeicherte Arbeit"
    assert path.read_bytes() == content


def test_disk_full_while_saving_keeps_file_work_and_recovery_copy(
    window: MainWindow, dialogs, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saver = autosave.install(window.session, recovery.RecoverySession(tmp_path / "kopien"))
    try:
        path = tmp_path / NAME
        dialogs.paths.append(path)
        page = window.go_to(Section.GRUNDDATEN)
        send_text(page.betreff, "erste Fassung")
        assert window.session.save()
        send_text(page.betreff, " und mehr")
        saver.write_now()
        before = path.read_bytes()

        def full(fd: int, data: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", full)
        assert window.session.save() is False
        monkeypatch.undo()
        assert dialogs.shown[-1].title == "Speichern fehlgeschlagen"
        assert "auf dem Datenträger ist kein Platz mehr frei" in dialogs.shown[-1].text
        assert path.read_bytes() == before
        assert window.document.dirty
        assert window.document.vorlage.grunddaten.betreff == "erste Fassung und mehr"
        [copy] = list((tmp_path / "kopien").glob("*.wiederherstellung.json"))
        assert "erste Fassung und mehr" in copy.read_text(encoding="utf-8")
        assert projectfile.load(path).grunddaten.betreff == "erste Fassung"
    finally:
        window.document.set_dirty(False)
        saver.close()
