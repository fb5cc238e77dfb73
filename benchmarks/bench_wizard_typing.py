#!/usr/bin/env python3
"""Typing latency of the wizard's Erläuterungen editor, short and long texts, with and without
the spell check, and how long the spell check needs for a whole text in the background.

Run: `.venv/bin/python benchmarks/bench_wizard_typing.py` (offscreen, no display needed).
Targets: under 16 ms per key (one frame at 60 Hz) for texts up to about 100 pages, the spell
check adding nothing that shows; a 100-page text checked within a few seconds, with the GUI
thread never held longer than a frame or two meanwhile.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.wizard import GapProbe, erlaeuterungen_editor, shown_wizard, wait  # noqa: E402
from desktop.mainwindow import MainWindow  # noqa: E402
from desktop.widgets.spellcheck import TextField, underlined  # noqa: E402
from forms.labels import Section  # noqa: E402
from forms.resources import resource_path  # noqa: E402
from tests.forms.pdfutil import long_markdown  # noqa: E402

KEYS = "Nachtrag zum Sachstand "
PAGE_CHARS = 3_000  # about one printed page of running text (long_markdown: 2 pages a section)


def varied_text(pages: int) -> str:
    """Running text of the dictionary's nouns (about 8,000 different ones, a cold cache sees
    each for the first time) with a misspelt word every 200 words, in paragraphs."""
    stems = []
    for line in resource_path("spelling", "de_DE.dic").read_text("utf-8").splitlines()[1:]:
        stem = line.split("/")[0].strip()
        if stem.isalpha() and len(stem) > 3 and stem[0].isupper():  # nouns: listed whole
            stems.append(stem)
    pool = stems[:: max(1, len(stems) // 8000)]
    rng = random.Random(15)
    words: list[str] = []
    paragraphs: list[str] = []
    size = 0
    while size < pages * PAGE_CHARS:
        words.append("Maßnahmme" if len(words) % 200 == 199 else rng.choice(pool))
        if len(words) % 80 == 0:
            paragraphs.append(" ".join(words[-80:]) + ".")
            size += len(paragraphs[-1])
    return "\n\n".join(paragraphs)


def type_keys(app: QApplication, editor) -> tuple[float, float]:
    """Mean and largest time per key, each key with the event processing it causes."""
    times = []
    for key in KEYS:
        start = time.perf_counter()
        QTest.keyClicks(editor, key)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.mean(times), max(times)


def typing(app: QApplication, window: MainWindow, spelling: bool) -> None:
    label = "mit   " if spelling else "ohne  "
    for sections in (1, 5, 20, 50):
        text = long_markdown(sections)
        editor = erlaeuterungen_editor(window, text)
        app.processEvents()
        wait(lambda: not window.spelling.busy)
        mean, longest = type_keys(app, editor)
        start = time.perf_counter()
        window.document.flush()
        flush = (time.perf_counter() - start) * 1000
        print(
            f"{label}Rechtschreibprüfung, {len(text):>8} Zeichen (~{2 * sections:>3} "
            f"Seiten): {mean:6.2f} ms je Taste (längste {longest:6.2f} ms), "
            f"Übernahme ins Modell {flush:6.1f} ms"
        )


def whole_text(
    app: QApplication, window: MainWindow, name: str, text: str, pages: int, cold: bool
) -> None:
    spelling = bool(window.spelling.fields)
    if spelling and cold:  # as in a new session: no word asked yet (reaching in on purpose)
        window.spelling.checker.verdicts.clear()
        window.spelling._asked.clear()
    erlaeuterungen_editor(window, "")  # a text the editor does not show yet, also when warm
    app.processEvents()
    wait(lambda: not window.spelling.busy)
    start = time.perf_counter()
    with GapProbe() as whole:
        editor = erlaeuterungen_editor(window, text)  # one call on the GUI thread
        app.processEvents()
        shown = time.perf_counter() - start
        with GapProbe() as probe:
            wait(lambda: not window.spelling.busy)
            checked = time.perf_counter() - start
    marked = 0
    block = editor.document().begin()
    while block.isValid():
        marked += len(underlined(block))
        block = block.next()
    cache = ("Cache kalt" if cold else "Cache warm") if spelling else "ohne Prüfung"
    print(
        f"Ganzer Text ({name}, {len(text)} Zeichen, ~{pages} Seiten, {cache}): gesetzt nach "
        f"{shown:5.2f} s (längste GUI-Pause mit dem Setzen {whole.longest * 1000:5.0f} ms), "
        f"ganz geprüft und unterstrichen nach {checked:5.2f} s, {marked} Unterstreichungen, "
        f"längste GUI-Pause nach dem Setzen {probe.longest * 1000:5.1f} ms"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as data:
        os.environ["XDG_DATA_HOME"] = data  # an empty user dictionary
        return measure()


def measure() -> int:
    with shown_wizard() as (app, window):
        window.go_to(Section.ERLAEUTERUNGEN)
        with GapProbe() as probe:
            window.spelling.load_now()
            loaded = wait(lambda: window.spelling.ready)
        print(
            f"Wörterbuch geladen (Arbeits-Thread) in {loaded * 1000:5.0f} ms, "
            f"längste GUI-Pause dabei {probe.longest * 1000:5.1f} ms"
        )
        typing(app, window, spelling=True)
        whole_text(app, window, "long_markdown(50)", long_markdown(50), 100, cold=True)
        varied = varied_text(100)
        whole_text(app, window, "8000 verschiedene Wörter", varied, 100, cold=True)
        whole_text(app, window, "8000 verschiedene Wörter", varied, 100, cold=False)
        for field in window.spelling.fields:
            if isinstance(field, TextField):
                field.detach()
        window.spelling.fields.clear()
        # The same text without the spell check: what the setting alone costs.
        whole_text(app, window, "8000 verschiedene Wörter", varied, 100, cold=True)
        typing(app, window, spelling=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
