"""The wizard and the lock next to its file (desktop/locking.py, issue 16), in one process:
a colleague's lock is written with their identity by forms.lock. The same with two real
programs: tests/desktop/test_shared_drive.py."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.dialogs import OPEN_FILTER, PROJECT_FILTER, Dialogs, Locked, LockLost
from forms import projectfile
from forms.lock import REFRESH_SECONDS, Identity, ProjectLock, Staleness, lock_path, read_owner
from tests.desktop.boxes import answer_next_box

COLLEAGUE = Identity("mueller", "PC-RATHAUS-17", 4242)
HOLDER = re.compile(
    r"Die Datei wird seit \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr von mueller auf PC-RATHAUS-17 "
    r"bearbeitet\."
)


@pytest.fixture
def shared(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "gemeinsam.vorlage.json"
    path.write_bytes(example_path.read_bytes())
    return path


def ours(path: Path) -> bool:
    owner = read_owner(lock_path(path))
    return owner is not None and owner.pid == Identity.current().pid


def test_open_locks_and_refreshes_close_removes(window, shared: Path) -> None:
    assert window.session.open_file(shared)
    assert ours(shared)
    assert window.session.locks.timer.isActive()
    assert window.session.locks.timer.interval() == REFRESH_SECONDS * 1000
    assert "schreibgeschützt" not in window.windowTitle()
    assert window.read_only_banner.isHidden()
    window.close()
    assert not lock_path(shared).exists()


def test_the_lock_follows_the_open_file(window, dialogs, shared: Path, tmp_path: Path) -> None:
    other = tmp_path / "andere.vorlage.json"
    other.write_bytes(shared.read_bytes())
    assert window.session.open_file(shared)
    assert window.session.open_file(other)  # opening another file
    assert ours(other) and not lock_path(shared).exists()
    dialogs.paths.append(tmp_path / "kopie.vorlage.json")
    assert window.session.save_as()  # Speichern unter to another path
    assert ours(tmp_path / "kopie.vorlage.json") and not lock_path(other).exists()
    assert window.session.new_vorlage()  # Neu
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("~$")) == []


def test_a_colleagues_file_opens_read_only(window, qtbot, dialogs, shared: Path, tmp_path: Path):
    theirs = ProjectLock.acquire(shared, identity=COLLEAGUE)
    before = lock_path(shared).read_bytes()
    dialogs.answers["locked"] = Locked.READ_ONLY
    assert window.session.open_file(shared)
    [asked] = [s for s in dialogs.shown if s.title == "Datei ist gesperrt"]
    assert asked.text.startswith("„gemeinsam.vorlage.json“ ist bereits geöffnet. ")
    assert HOLDER.search(asked.text)
    # Clearly marked: title, banner, Speichern off; no lock of ours, theirs untouched.
    assert "gemeinsam.vorlage.json (schreibgeschützt)" in window.windowTitle()
    assert window.read_only_banner.isVisible()
    assert HOLDER.search(window.read_only_banner.text())
    assert (
        not window.file_menu.save_action.isEnabled()
        and not window.pruefen_page.save_button.isEnabled()
    )
    assert window.file_menu.save_as_action.isEnabled()
    assert window.statusBar().currentMessage().startswith("Schreibgeschützt geöffnet")
    assert lock_path(shared).read_bytes() == before and theirs.is_ours()
    # The clerk edits and presses Ctrl+S: nothing is written over the colleague's file.
    window.document.set("grunddaten.betreff", "nur eine Kopie")
    original = shared.read_bytes()
    asked_before = len(dialogs.shown)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shared.read_bytes() == original
    assert len(dialogs.shown) == asked_before  # Speichern is off: not even a file question
    # Speichern unter the same name: the colleague still has it, so that is asked first.
    dialogs.paths.append(shared)
    dialogs.answers["locked"] = Locked.CANCEL
    assert not window.session.save_as()
    assert dialogs.shown[-1].title == "Datei ist gesperrt" and shared.read_bytes() == original
    # Speichern unter: the new file is ours and locked normally; read-only is over.
    copy = tmp_path / "meine.vorlage.json"
    dialogs.paths.append(copy)
    assert window.session.save()  # read-only: Speichern means Speichern unter
    assert projectfile.load(copy).grunddaten.betreff == "nur eine Kopie"
    assert ours(copy) and theirs.is_ours()
    assert window.read_only_banner.isHidden() and window.file_menu.save_action.isEnabled()
    assert "schreibgeschützt" not in window.windowTitle()
    assert shared.read_bytes() == original


def test_take_over_then_the_colleague_cannot_save_over_it(window, dialogs, shared: Path):
    theirs = ProjectLock.acquire(shared, identity=COLLEAGUE)
    dialogs.answers["locked"] = Locked.TAKE_OVER
    assert window.session.open_file(shared)
    assert ours(shared) and not theirs.is_ours()
    assert not window.session.locks.read_only


def test_cancel_keeps_the_open_file_and_its_lock(window, dialogs, shared: Path, tmp_path: Path):
    mine = tmp_path / "meine.vorlage.json"
    mine.write_bytes(shared.read_bytes())
    assert window.session.open_file(mine)
    ProjectLock.acquire(shared, identity=COLLEAGUE)
    assert not window.session.open_file(shared)  # "locked" is answered Abbrechen
    assert window.document.path == mine and ours(mine)


def test_a_lost_lock_is_told_once_and_saving_asks(window, dialogs, shared: Path) -> None:
    assert window.session.open_file(shared)
    ProjectLock.acquire(shared, take_over=True, identity=COLLEAGUE)
    window.session.locks.refresh()  # what the timer does every few minutes
    window.session.locks.refresh()
    told = [s for s in dialogs.shown if s.title == "Sperre übernommen"]
    assert len(told) == 1 and HOLDER.search(told[0].text)
    window.document.set("grunddaten.betreff", "meine Fassung")
    before = shared.read_bytes()
    assert not window.session.save()  # "lock_lost" is answered Abbrechen
    assert dialogs.shown[-1].title == "Sperre verloren" and HOLDER.search(dialogs.shown[-1].text)
    assert shared.read_bytes() == before and window.document.dirty
    dialogs.answers["lock_lost"] = LockLost.TAKE_OVER
    assert window.session.save()
    assert ours(shared) and projectfile.load(shared).grunddaten.betreff == "meine Fassung"


def test_the_open_dialog_never_offers_the_lock_file(shared: Path) -> None:
    name = lock_path(shared).name
    for file_filter in (OPEN_FILTER, PROJECT_FILTER):
        patterns = re.findall(r"\*\.[\w.]+", file_filter)
        assert patterns and not any(fnmatch.fnmatch(name, p) for p in patterns)


@pytest.mark.parametrize(
    ("staleness", "saving", "action", "expected"),
    [
        (Staleness.ACTIVE, False, "Schreibgeschützt öffnen", Locked.READ_ONLY),
        (Staleness.ACTIVE, False, "Escape", Locked.CANCEL),
        (Staleness.STALE, False, "Sperre entfernen", Locked.TAKE_OVER),
        (Staleness.POSSIBLY_STALE, False, "Sperre übernehmen", Locked.TAKE_OVER),
        (Staleness.ACTIVE, True, "Sperre übernehmen und speichern", Locked.TAKE_OVER),
        (Staleness.ACTIVE, True, "Escape", Locked.CANCEL),
    ],
)
def test_the_real_locked_box(app, qtbot, staleness, saving, action, expected) -> None:
    seen: list[str] = []
    answer_next_box(qtbot, action, seen)
    holder = "Die Datei wird seit 02.12.2026, 14:37 Uhr von mueller auf PC-17 bearbeitet."
    answer = Dialogs(interactive=True).ask_locked(
        "a.vorlage.json", holder, staleness, saving=saving
    )
    assert answer == expected
    assert seen[0] == f"„a.vorlage.json“ ist bereits geöffnet. {holder}"
    assert ("Schreibgeschützt öffnen" in seen) is not saving


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("Speichern unter…", LockLost.SAVE_AS),
        ("Sperre zurückholen und speichern", LockLost.TAKE_OVER),
        ("Escape", LockLost.CANCEL),
    ],
)
def test_the_real_lock_lost_box(app, qtbot, action, expected) -> None:
    seen: list[str] = []
    answer_next_box(qtbot, action, seen)
    assert Dialogs(interactive=True).ask_lock_lost("a.vorlage.json", "…") == expected
    assert seen[0].startswith("Eine andere Sitzung hat „a.vorlage.json“ inzwischen übernommen.")


@pytest.fixture
def read_only_folder(tmp_path: Path, example_path: Path) -> Iterator[Path]:
    """A folder nobody can create files in (root ignores modes: then it is made immutable)."""
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    (folder / "a.vorlage.json").write_bytes(example_path.read_bytes())
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)]).returncode != 0:
        pytest.skip("no way to make a read-only folder as root here (chattr +i)")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_no_lock_possible_opens_with_a_german_note(window, dialogs, read_only_folder: Path):
    path = read_only_folder / "a.vorlage.json"
    assert window.session.open_file(path)
    [note] = [s for s in dialogs.shown if s.title == "Ohne Sperre geöffnet"]
    assert note.kind == "warning"
    assert note.text.startswith("Für „a.vorlage.json“ konnte keine Sperrdatei angelegt werden (")
    assert window.document.path == path and not window.session.locks.read_only
    assert window.file_menu.save_action.isEnabled()
    assert sorted(read_only_folder.iterdir()) == [path]
