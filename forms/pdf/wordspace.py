"""Keep the space of a word break at a line wrap in the drawn text.

reportlab drops the space where it wraps a line, so the page's text – and with it the tag
tree a screen reader reads (`pdfinfo -struct-text`) – joins the last word of one line and the
first of the next ("desLandes"). ISO 32000-1 §14.8.2.5 asks for an explicit space character
at a word break. `trailing_spaces` adds it, only while the paragraph is drawn: layout, splits
and widths stay reportlab's own (a trailing space after the last word is invisible).

No space is added where a word itself was split (a long word broken over two lines), nor
after the paragraph's last line – unless the paragraph continues on the next page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _FK_TEXT,
    _SplitWord,
    _SplitWordEnd,
    _SplitWordLL,
)


def _simple_line(line: tuple[float, list[str]]) -> tuple[float, list[str]] | None:
    """A line of a one-style paragraph (kind 0): (unused width, words)."""
    extra, words = line
    if not words:
        return None
    last = words[-1]
    if isinstance(last, _SplitWordLL) or (
        isinstance(last, _SplitWord) and not isinstance(last, _SplitWordEnd)
    ):
        return None  # the word goes on in the next line
    if last.endswith(" "):
        return None
    return extra, [*words[:-1], last + " "]


def _frag_line(line: Any) -> tuple[Any, str] | None:
    """The last text fragment of a mixed-style line (kind 1) and its text, if it needs a space."""
    words = line.words
    if not words:
        return None
    if getattr(words[-1], "_fkind", _FK_TEXT) == _FK_BREAK and not line.lineBreak:
        return None  # a break reportlab injected inside a split word
    for frag in reversed(words):
        text = getattr(frag, "text", "")
        if getattr(frag, "_fkind", None) == _FK_TEXT and text and not hasattr(frag, "cbDefn"):
            return None if text.endswith(" ") else (frag, text)
    return None


@contextmanager
def trailing_spaces(para: Any, continues: bool) -> Iterator[None]:
    """While drawing `para`, each wrapped line ends with the space reportlab dropped;
    `continues`: the paragraph goes on in another part (split across pages)."""
    bl = getattr(para, "blPara", None)
    lines = getattr(bl, "lines", None)
    if not lines:
        yield
        return
    count = len(lines) if continues else len(lines) - 1
    original = list(lines)
    frags: list[tuple[Any, str]] = []
    for index in range(count):
        line = lines[index]
        if isinstance(line, tuple):
            changed = _simple_line(line)
            if changed is not None:
                lines[index] = changed
        else:
            found = _frag_line(line)
            if found is not None:
                frag, text = found
                frags.append(found)
                frag.text = text + " "
    try:
        yield
    finally:
        lines[:] = original
        for frag, text in frags:
            frag.text = text
