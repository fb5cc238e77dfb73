from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.dialogs import Dialogs
from desktop.mainwindow import MainWindow
from desktop.settings import Settings
from desktop.startup import build_window, create_application
from desktop.widgets.richtext import RichTextEditor


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


@pytest.fixture
def editor(app, qtbot) -> RichTextEditor:
    """A rich-text editor alone, shown, with the focus (the keyboard, paste and paragraph
    tests; test_richtext.py has its own, unfocused one)."""
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.editor.setFocus()
    return widget


@pytest.fixture(autouse=True)
def _clipboard_emptied():
    """Empty the clipboard after every test. Mime data a test put there (setMimeData hands it
    to Qt) is otherwise still owned by the clipboard when the interpreter exits, is freed after
    Python's wrapper of it, and pytest dies with SIGSEGV after every test has passed."""
    yield
    if QApplication.instance() is not None:
        QApplication.clipboard().clear()
