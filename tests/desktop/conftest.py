from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app import build_window, create_application
from desktop.dialogs import Dialogs
from desktop.mainwindow import MainWindow
from desktop.settings import Settings


@pytest.fixture
def app(qapp):
    # German Qt strings and the stylesheet, as in the real program.
    return create_application()


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs(interactive=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(path=tmp_path / "config" / "einstellungen.json")


@pytest.fixture
def window(app, qtbot, dialogs, settings) -> MainWindow:
    win = build_window(settings, dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Never leave a prompt behind at teardown.
    win.document.set_dirty(False)
    win.close()
    win.deleteLater()
