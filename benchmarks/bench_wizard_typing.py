#!/usr/bin/env python3
"""Typing latency of the wizard's Erläuterungen editor, short and long texts.

Run: `.venv/bin/python benchmarks/bench_wizard_typing.py` (offscreen, no display needed).
Target: under 16 ms per key (one frame at 60 Hz) for texts up to about 50 pages.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402

from desktop.app import build_window, create_application  # noqa: E402
from desktop.dialogs import Dialogs  # noqa: E402
from desktop.settings import Settings  # noqa: E402
from forms.labels import Section  # noqa: E402
from tests.forms.pdfutil import long_markdown  # noqa: E402

KEYS = "Nachtrag zum Sachstand "


def main() -> int:
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(Settings(path=Path(tmp) / "s.json"), Dialogs(interactive=False))
        window.show()
        for sections in (1, 5, 20, 50):
            text = long_markdown(sections)
            window.document.set("erlaeuterungen", text)
            page = window.go_to(Section.ERLAEUTERUNGEN)
            page.reload()
            editor = page.editor.editor
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            editor.setFocus()
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClicks(editor, KEYS)
            per_key = (time.perf_counter() - start) * 1000 / len(KEYS)
            start = time.perf_counter()
            window.document.flush()
            flush = (time.perf_counter() - start) * 1000
            print(
                f"{len(text):>8} Zeichen: {per_key:6.2f} ms je Taste, "
                f"Übernahme ins Modell {flush:6.1f} ms"
            )
        window.document.set_dirty(False)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
