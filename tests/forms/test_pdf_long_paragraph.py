"""A very long paragraph: page breaks in linear work with the same lines, and a running export
can be cancelled. (Times are measured in benchmarks/bench_long_paragraph.py, not here.)"""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus.paragraph import Paragraph

from forms.errors import ExportCancelled
from forms.model import Vorlage
from forms.pdf import longpara, render, render_to_file
from tests.forms.pdfutil import PDF, poppler_text

WORDS = [
    "Straße",
    "Öffentlichkeit",
    "a",
    "Radverkehrskonzept",
    "–",
    "„Zitat“",
    "1.234,56 €",
    "Lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet,",
    "Bürgerinnen",
    "x" * 300,
]
MARKUP = [
    *WORDS,
    "**fett**",
    "*kursiv*",
    "[Link](https://example.org/x)",
    "`code`",
    "ab**cd**ef",
    "**y" + "z" * 200 + "**",
]


def text(seed: int, words: list[str], count: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(count))


def vorlage_with(erlaeuterungen: str) -> Vorlage:
    vorlage = Vorlage()
    vorlage.grunddaten.betreff = "Langer Absatz"
    vorlage.erlaeuterungen = erlaeuterungen + "\n\nEnde."
    return vorlage


def layout(pdf: bytes) -> str:
    return poppler_text(pdf, "pdftotext", "-layout", PDF, "-")


def without_longpara(monkeypatch: pytest.MonkeyPatch, vorlage: Vorlage) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(longpara, "LONG_PARAGRAPH", 10**9)
        return render(vorlage)


def test_one_style_paragraph_gives_the_identical_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    vorlage = vorlage_with(text(1, WORDS, 2500))
    assert render(vorlage) == without_longpara(monkeypatch, vorlage)


@pytest.mark.parametrize("prefix", ["", "- ", "3. ", "> "])
def test_mixed_markup_paragraph_gives_the_same_lines_and_pages(
    monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    vorlage = vorlage_with(prefix + text(len(prefix), MARKUP, 2500))
    new, old = render(vorlage), without_longpara(monkeypatch, vorlage)
    assert layout(new).count("\f") > 5
    assert layout(new) == layout(old)


def _line_breaking_work(monkeypatch: pytest.MonkeyPatch, vorlage: Vorlage) -> int:
    """Characters passed through reportlab's line breaking during one export."""
    work = 0
    real = Paragraph.breakLines

    def counted(self: Paragraph, widths: Any) -> Any:
        nonlocal work
        for frag in self.frags:
            if isinstance(frag, list):  # reportlab's word list
                work += sum(len(t) for _f, t in frag[1:]) + 1
            else:
                work += len(getattr(frag, "text", "") or "") + sum(
                    len(w) + 1 for w in getattr(frag, "words", ())
                )
        return real(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    render(vorlage)
    monkeypatch.undo()
    return work


@pytest.mark.parametrize(("words", "count"), [(WORDS[:-1], 30_000), (MARKUP, 6_000)])
def test_line_breaking_work_is_linear_in_the_length(
    monkeypatch: pytest.MonkeyPatch, words: list[str], count: int
) -> None:
    # Before: every page broke the whole rest of the paragraph again (≈ n²/page characters:
    # factors of 25 and more for these ~50 pages). Now a page costs a bounded head.
    long_text = text(7, words, count)
    work = _line_breaking_work(monkeypatch, vorlage_with(long_text))
    assert work < 8 * len(long_text), work / len(long_text)


def test_a_running_export_can_be_cancelled(tmp_path: Path) -> None:
    vorlage = vorlage_with(text(3, WORDS[:-1], 60_000))
    stop = threading.Event()
    pages: list[int] = []

    def progress(done: int, total: int) -> None:
        pages.append(done)
        if len(pages) == 3:
            stop.set()  # the clerk clicks „Abbrechen“

    target = tmp_path / "abbruch.pdf"
    with pytest.raises(ExportCancelled) as caught:
        render_to_file(vorlage, target, progress=progress, cancel=stop.is_set)
    assert str(caught.value) == "Der Export wurde abgebrochen; es wurde keine Datei geschrieben."
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_cancel_is_asked_on_every_page_of_one_long_paragraph() -> None:
    vorlage = vorlage_with(text(4, WORDS[:-1], 60_000))  # one flowable over ~50 pages
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 20

    with pytest.raises(ExportCancelled):
        render(vorlage, cancel=cancel)
    assert asked == 21
