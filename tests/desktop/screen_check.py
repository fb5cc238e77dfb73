"""Open the real window on one emulated screen and report clipped text, as JSON.

Run in a subprocess (a scale factor is fixed when Qt starts):
    QT_SCALE_FACTOR=1.5 python -m tests.desktop.screen_check 1920 1080
Uses Qt's offscreen platform with a screen of the given physical size.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def configure(width: int, height: int, folder: Path) -> None:
    config = folder / "screen.json"
    screen = {"name": "Testbildschirm", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(width: int, height: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        configure(width, height, Path(tmp))
        from PySide6.QtWidgets import QApplication

        from desktop.dialogs import Dialogs
        from desktop.settings import Settings
        from desktop.startup import build_window, create_application
        from forms.flow import STEPS
        from forms.model import Deckung
        from tests.desktop.clipping import clipped
        from tests.desktop.pagewalk import fill_every_page

        app = create_application()
        window = build_window(
            Settings(path=Path(tmp) / "einstellungen.json"), Dialogs(interactive=False)
        )
        window.show()
        fill_every_page(window)
        # The longest choice a Deckung box shows ("keine ausreichende Deckung vorhanden"),
        # in both columns of the table whose result worsens.
        for paar in ("jahr", "ff"):
            window.document.set(f"finanzen.investiv.deckung_{paar}", Deckung.NICHT_AUSREICHEND)
        for _ in range(5):
            app.processEvents()
        area = window.screen().availableGeometry()
        report: dict = {
            "screen": [area.width(), area.height()],
            "window": window.frameGeometry().getRect(),
            "inside": area.contains(window.frameGeometry()),
            "statusbar": window.statusBar().isVisible()
            and window.rect().contains(window.statusBar().geometry()),
            "pages": {},
        }
        for step in STEPS:
            window.go_to(step)
            for _ in range(3):
                QApplication.processEvents()
            report["pages"][step.value] = clipped(window)
        window.document.set_dirty(False)
        report["remembered"] = _remembered(window, build_window, Dialogs)
        return report


def _remembered(window, main_window, dialogs) -> dict:
    """Close at a size of the clerk's choosing, open again: the same size on this screen only."""
    default = [window.width(), window.height()]
    chosen = window.minimumSize().expandedTo(window.size() * 0.9)
    window.resize(chosen)
    window.close()
    settings = window.settings
    again = main_window(settings, dialogs(interactive=False))
    same_screen = [again.width(), again.height()]
    stored = dict(settings.window_sizes)
    settings.window_sizes = {f"anderer Bildschirm {k}": v for k, v in stored.items()}
    settings.window_geometry = ""
    other = main_window(settings, dialogs(interactive=False))
    return {
        "chosen": [chosen.width(), chosen.height()],
        "same_screen": same_screen,
        "other_screen": [other.width(), other.height()],
        "default": default,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2])), ensure_ascii=False, indent=1))
