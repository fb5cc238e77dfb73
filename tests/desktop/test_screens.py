"""Every screen: the window fits the free screen area, and no text is cut off on any page.

Each screen runs in its own process, since Qt fixes the scale factor when it starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect

from tests.conftest import ROOT

SCREENS = [
    # physical size, scale factor → usable logical size
    ((1024, 768), "1"),  # the smallest office laptop
    ((1280, 800), "1"),
    ((1920, 1080), "1.5"),  # 1280×720 logical: the status bar used to fall off the screen
    ((2560, 1440), "2"),
]


@pytest.mark.parametrize(("size", "scale"), SCREENS, ids=[f"{w}x{h}@{s}" for (w, h), s in SCREENS])
def test_window_fits_and_no_text_is_clipped(size, scale):
    env = dict(os.environ, QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.desktop.screen_check", *map(str, size)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["inside"], report
    assert report["statusbar"], report
    clipped = {page: found for page, found in report["pages"].items() if found}
    assert clipped == {}
    # The size the clerk chose comes back on this screen; another screen gets its default.
    remembered = report["remembered"]
    assert remembered["same_screen"] == remembered["chosen"]
    if remembered["chosen"] != remembered["default"]:
        assert remembered["other_screen"] != remembered["chosen"]


def test_window_never_larger_than_the_screen(window, settings):

    window.resize(4000, 3000)  # e.g. stored on a big monitor, opened on the laptop
    settings.window_sizes = {}
    settings.window_geometry = bytes(window.saveGeometry().toHex().data()).decode()
    from desktop.startup import build_window

    fresh = build_window(settings, window.dialogs)
    area = fresh.screen().availableGeometry()
    assert area.contains(QRect(fresh.pos(), fresh.size())), (area, fresh.geometry())
    fresh.deleteLater()


def test_review_messages_wrap(window, qtbot):
    from forms.flow import Extra

    window.session.open_example()
    window.document.set("grunddaten.vorlage_nr", "Das ist keine Nummer, " * 12)
    page = window.go_to(Extra.PRUEFEN)
    window.resize(window.minimumSize())
    qtbot.wait(50)
    page.list.doItemsLayout()
    qtbot.wait(50)
    width = page.list.viewport().width()
    line = page.list.fontMetrics().lineSpacing()
    items = [page.list.item(i) for i in range(page.list.count())]
    long = [i for i in items if page.list.fontMetrics().horizontalAdvance(i.text()) > width]
    assert long
    for item in long:
        rect = page.list.visualItemRect(item)
        assert rect.width() <= width
        assert rect.height() >= 2 * line
