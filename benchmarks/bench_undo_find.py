#!/usr/bin/env python3
"""Undo and search in a long Erläuterungen (issue 15): what the clerk waits for.

Run: `.venv/bin/python benchmarks/bench_undo_find.py` (offscreen, no display needed). Prints,
per length: one Strg+Z of typing in the Erläuterungen (the editor shows the Markdown before,
rebuilt), F3 with the fields' texts kept (search as you type), the first search after an
edit (every field's readable text read again), and "Alle ersetzen" of a word with 100 hits.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from benchmarks.wizard import erlaeuterungen_editor, shown_wizard  # noqa: E402
from tests.forms.pdfutil import long_markdown  # noqa: E402


def ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1000:7.0f} ms"


def main() -> int:
    with shown_wizard() as (app, window):
        heads = ("sections", "chars", "Strg+Z", "F3", "1st find", "replace")
        print(" ".join(f"{h:>{8 if i < 2 else 10}}" for i, h in enumerate(heads)))
        for sections in (1, 20, 100):
            text = long_markdown(sections)
            editor = erlaeuterungen_editor(window, text)
            shown = window.document.vorlage.erlaeuterungen  # as the editor can show it
            QTest.keyClicks(editor, " Nachtrag")
            window.document.flush()
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            undo = ms(start)
            assert window.document.vorlage.erlaeuterungen == shown
            bar = window.find_bar
            bar.open_find()
            bar.query.setText("und")
            start = time.perf_counter()
            bar.find_next()
            first = ms(start)
            start = time.perf_counter()
            bar.find_next()
            again = ms(start)
            bar.open_replace()
            bar.replacement.setText("sowie")
            start = time.perf_counter()
            count = bar.replace_all()
            replaced = ms(start)
            bar.close_bar()
            window.document.undo()
            print(
                f"{sections:>8} {len(text):>8} {undo:>10} {again:>10} {first:>10} {replaced:>10}"
                f"  ({count} hits)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
