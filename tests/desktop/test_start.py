"""The wizard starts whatever the recovery folder and the settings file hold (#13 item 8):
each problem is reported once, in one message, and a valid copy is still offered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.settings import Settings
from desktop.startup import start
from forms import recovery
from tests.forms.recovery_copies import DROP, write_copy


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "daten"))
    return recovery.default_folder()


def started(app, qtbot, dialogs, settings: Settings):  # type: ignore[no-untyped-def]
    window, saver = start(settings, dialogs)
    qtbot.addWidget(window)
    return window, saver


def titles(dialogs) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.title for s in dialogs.shown]


@pytest.mark.parametrize(
    "damage",
    ["ohne-saved_at", "verschachtelt", "sperre-ist-ordner", "zeitzonen-gemischt"],
)
def test_a_damaged_copy_next_to_a_valid_one(
    app, qtbot, dialogs, settings, data_home: Path, damage: str
) -> None:
    write_copy(
        data_home,
        "20250314-100000-2-bbbbbb",
        "gültige Arbeit",
        saved_at="2025-03-14T10:00:00.000+01:00",
    )
    if damage == "ohne-saved_at":
        write_copy(data_home, "20250314-090000-1-aaaaaa", "x", saved_at=DROP)
    elif damage == "verschachtelt":
        (data_home / f"c{recovery.COPY_SUFFIX}").write_text("[" * 50_000 + "]" * 50_000)
    elif damage == "sperre-ist-ordner":
        (data_home / f"20250314-100000-2-bbbbbb{recovery.LOCK_SUFFIX}").mkdir()
    else:
        write_copy(
            data_home, "20250313-090000-3-cccccc", "ältere Arbeit", saved_at="2025-03-13T09:00:00"
        )
    window, saver = started(app, qtbot, dialogs, settings)
    try:
        assert window.isVisible()
        # The newest valid copy is offered first and restored (the default answer).
        assert titles(dialogs).count("Wiederherstellen?") == 1
        assert window.document.vorlage.grunddaten.betreff == "gültige Arbeit"
        broken = damage in ("ohne-saved_at", "verschachtelt")
        assert titles(dialogs).count("Wiederherstellung eingeschränkt") == (1 if broken else 0)
    finally:
        window.document.set_dirty(False)
        saver.close()


def test_a_file_where_the_recovery_folder_should_be(app, qtbot, dialogs, settings, data_home):
    data_home.parent.mkdir(parents=True)
    data_home.write_text("keine Kopie", encoding="utf-8")
    window, saver = started(app, qtbot, dialogs, settings)
    try:
        assert window.isVisible()
        [warning] = [s for s in dialogs.shown if s.title == "Wiederherstellung eingeschränkt"]
        assert "ist aber eine Datei" in warning.text and "nicht nutzbar" in warning.text
        window.document.set("grunddaten.betreff", "ohne Sicherung")
        saver.write_now()  # nothing to write into: no error, no second message
        assert titles(dialogs).count("Wiederherstellung eingeschränkt") == 1
        assert data_home.read_text(encoding="utf-8") == "keine Kopie"
    finally:
        window.document.set_dirty(False)
        saver.close()


@pytest.mark.parametrize("content", [b"{kaputt", b"[]", b"\xff\xfe", b"[" * 100_000])
def test_a_damaged_settings_file(app, qtbot, dialogs, tmp_path, data_home, content) -> None:
    path = tmp_path / "einstellungen.json"
    path.write_bytes(content)
    window, saver = started(app, qtbot, dialogs, Settings.load(path))
    try:
        assert window.isVisible()
        [warning] = [s for s in dialogs.shown if s.title == "Einstellungen nicht lesbar"]
        assert str(path) in warning.text
    finally:
        saver.close()
    assert window.close()
    assert json.loads(path.read_text(encoding="utf-8"))["recent_files"] == []
    assert Settings.load(path).problem == ""  # reported once: the next start is quiet
