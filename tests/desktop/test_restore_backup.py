"""Restoring from a backup ends with the work saved under the real name, not as `….bak`."""

from __future__ import annotations

from desktop.dialogs import OPEN_FILTER
from forms import projectfile
from forms.files import backup_path, original_of_backup


def test_open_bak_then_save_writes_the_real_name(window, dialogs, tmp_path, example):
    real = tmp_path / "FB_56_0319.vorlage.json"
    projectfile.save(example, real)
    example.grunddaten.betreff = "Zweite Fassung"
    projectfile.save(example, real)  # the first version is now the .bak
    backup = backup_path(real)
    assert projectfile.load(backup).grunddaten.betreff != "Zweite Fassung"
    backup_bytes = backup.read_bytes()

    assert window.session.open_file(backup)
    assert window.document.path == real
    assert window.document.dirty  # not yet saved under the real name
    assert "FB_56_0319.vorlage.json" in window.windowTitle()
    window.document.set("grunddaten.aktenzeichen", "AZ 1")
    assert window.session.save()
    restored = projectfile.load(real)
    assert restored.grunddaten.aktenzeichen == "AZ 1"
    assert restored.grunddaten.betreff != "Zweite Fassung"
    # The version it replaced is kept as the newest backup, the old backup one step back.
    assert projectfile.load(backup).grunddaten.betreff == "Zweite Fassung"
    assert backup_path(real, 2).read_bytes() == backup_bytes
    assert not list(tmp_path.glob("*.bak.bak"))


def test_backup_names_and_the_open_filter():
    assert original_of_backup(backup_path(projectfile_path := _p("a.vorlage.json"))) == (
        projectfile_path
    )
    assert original_of_backup(_p("a.vorlage.json.3.bak")) == _p("a.vorlage.json")
    assert original_of_backup(_p("a.vorlage.json")) is None
    assert "*.bak" in OPEN_FILTER


def _p(name: str):
    from pathlib import Path

    return Path("/tmp") / name
