"""Program start: smoke test in a real process, German Qt strings, settings, exception hook."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.crash import install_excepthook
from desktop.settings import MAX_RECENT, Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_smoke_test_in_a_real_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["HOME"] = str(tmp_path)  # settings and logs must not touch the real profile
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop.app", "--smoke-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "Smoke-Test bestanden" in result.stdout
    assert "PDF mit 3 Seite(n)" in result.stdout
    assert "„Maßnahmme“ rot unterstrichen" in result.stdout


def test_qt_standard_buttons_are_german(app, qtbot):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Discard
        | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Speichern", "Verwerfen", "Abbrechen"}


def test_settings_round_trip_and_limits(tmp_path):
    path = tmp_path / "cfg" / "einstellungen.json"
    settings = Settings.load(path)
    assert settings.recent_files == []
    for n in range(MAX_RECENT + 3):
        (tmp_path / f"{n}.vorlage.json").write_text("{}", encoding="utf-8")
        settings.add_recent(tmp_path / f"{n}.vorlage.json")
    again = Settings.load(path)
    assert len(again.recent_files) == MAX_RECENT
    assert again.recent_files[0].endswith(f"{MAX_RECENT + 2}.vorlage.json")
    assert again.last_folder == str(tmp_path.resolve())


def test_broken_settings_fall_back_to_defaults(tmp_path):
    path = tmp_path / "einstellungen.json"
    path.write_text("{kaputt", encoding="utf-8")
    assert Settings.load(path).recent_files == []
    path.write_text(json.dumps({"recent_files": "nicht eine Liste"}), encoding="utf-8")
    assert Settings.load(path).recent_files == []


def test_excepthook_logs_and_shows_german_message(dialogs, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_path = tmp_path / "vorlagen-assistent.log"
    install_excepthook(dialogs, log_path)
    try:
        raise RuntimeError("Testfehler")
    except RuntimeError:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(*sys.exc_info())
    shown = dialogs.shown[-1]
    assert shown.title == "Unerwarteter Fehler"
    assert str(log_path) in shown.text
    assert "Testfehler" in caplog.text


def test_interactive_dialogs_use_german_buttons(app, qtbot, monkeypatch):
    from desktop.dialogs import Dialogs, Unsaved

    seen: list[list[str]] = []

    def fake_exec(box):
        seen.append(sorted(b.text() for b in box.buttons()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    answer = Dialogs(interactive=True).ask_unsaved("a.vorlage.json")
    assert answer == Unsaved.CANCEL
    assert seen == [["Abbrechen", "Speichern", "Verwerfen"]]


def test_exception_in_a_slot_reaches_the_hook_and_the_app_goes_on(
    app, dialogs, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QPushButton

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(dialogs, tmp_path / "log.txt")
    button = QPushButton("x")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ValueError("kaputt im Slot")

    button.clicked.connect(broken)
    button.click()
    assert dialogs.shown[-1].title == "Unerwarteter Fehler"
    button.click()  # still alive
    assert len([s for s in dialogs.shown if s.title == "Unerwarteter Fehler"]) == 2


def test_window_geometry_is_remembered(app, qtbot, dialogs, settings):
    from desktop.startup import build_window

    first = build_window(settings, dialogs)
    qtbot.addWidget(first)
    first.resize(1111, 777)
    first.show()
    assert first.close()
    stored = Settings.load(settings.path).window_geometry
    assert stored
    # The offscreen test screen is smaller than the window, so Qt clamps the restored size;
    # what matters here is that the stored geometry is valid for Qt.
    from PySide6.QtCore import QByteArray

    again = build_window(Settings.load(settings.path), dialogs)
    qtbot.addWidget(again)
    assert again.restoreGeometry(QByteArray.fromHex(stored.encode()))


def test_about_names_version_and_log(window, dialogs):
    window.help_menu.show_about()
    shown = dialogs.shown[-1]
    assert shown.title == "Über den Vorlagen-Assistenten"
    assert "Protokoll:" in shown.text
    assert "Stadt Aachen" in shown.text
