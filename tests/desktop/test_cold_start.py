"""The start in two steps (issue 19): the window's shell paints before the Vorlage model is
loaded, the rest follows in the first idle moment, and a click that comes earlier is not lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.startup import Startup
from forms.labels import Section
from forms.steps import Extra

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter: what run_gui() has imported when the shell is painted, and after.
CHILD = r"""
import json, sys
from desktop.startup import Startup, create_application
from desktop.dialogs import Dialogs
from desktop.settings import Settings
from forms.labels import Section

app = create_application()
startup = Startup(Settings.load(), Dialogs(interactive=False), deferred=True)
window = startup.window
window.show()
window.repaint()
heavy = ("pydantic", "forms.model", "forms.rules", "markdown_it", "babel.numbers")
at_paint = sorted(m for m in heavy if m in sys.modules)
combo = window.start_page.vorlageart.count()
while not window.attached:
    app.processEvents()
print(json.dumps({
    "at_paint": at_paint,
    "combo_at_paint": combo,
    "after": sorted(m for m in heavy if m in sys.modules),
    "combo_after": window.start_page.vorlageart.count(),
    "autosave": startup.autosave is not None,
    "grunddaten_built": Section.GRUNDDATEN in window.pages,
}))
window.document.set_dirty(False)
window.close()
"""


@pytest.fixture
def clean_home(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    return dict(
        os.environ,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )


def test_the_shell_paints_without_the_model_then_the_rest_follows_by_itself(
    clean_home: dict[str, str],
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=clean_home,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["at_paint"] == []  # none of it before the first paint
    assert report["combo_at_paint"] == 0  # the profile's catalogues come after it
    assert {"pydantic", "forms.model", "forms.rules"} <= set(report["after"])
    assert report["combo_after"] > 0
    assert report["autosave"]
    assert report["grunddaten_built"]  # ready for "Neue Vorlage anlegen"


def test_a_click_before_the_second_step_runs_it_and_is_carried_out(
    app, qtbot, dialogs, settings
) -> None:
    startup = Startup(settings, dialogs, deferred=True)
    window = startup.window
    qtbot.addWidget(window)
    window.show()
    assert not window.attached
    # No event processed yet: the first-paint hook has not run. The clerk clicks at once.
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    assert window.attached
    assert startup.autosave is not None
    assert window.current_step() == Section.GRUNDDATEN
    assert window.document.vorlage.grunddaten.vorlageart  # the profile's default Vorlageart
    window.document.set_dirty(False)
    window.close()


def test_the_first_paint_finishes_the_start(app, qtbot, dialogs, settings) -> None:
    startup = Startup(settings, dialogs, deferred=True)
    window = startup.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.attached)
    assert window.current_step() == Extra.START
    assert window.start_page.vorlageart.currentText()  # catalogues filled
    qtbot.waitUntil(lambda: Section.GRUNDDATEN in window.pages)
    window.document.set_dirty(False)
    window.close()


def test_closing_before_the_second_step_closes_without_building_it(
    app, qtbot, dialogs, settings
) -> None:
    startup = Startup(settings, dialogs, deferred=True)
    window = startup.window
    qtbot.addWidget(window)
    window.show()
    assert window.close()
    assert not window.attached
    assert startup.autosave is None
    assert settings.path.exists()  # the window's place is kept, as at any close
