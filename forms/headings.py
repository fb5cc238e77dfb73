"""Markdown heading levels → PDF heading levels (H3…H6 below a section heading, H2).

The Markdown levels a text uses are ranked: the highest becomes H3, the next H4, and so on,
so equal Markdown levels always give equal tag levels, bookmarks and printed sizes, and a text
using "#" and "###" gets H3 and H4 without a skipped level. Only four levels fit below the
section heading; a text with more is reported by forms.rules (the deepest would share H6).
No reportlab here: the rules run in the wizard while the clerk types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is loaded only when a text needs parsing (start-up time)
    from markdown_it.token import Token

MAX_HEADING_LEVELS = 4

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)", re.MULTILINE)


def heading_ranks(tokens: Iterable[Token]) -> dict[int, int]:
    """Markdown heading level → its rank among the levels the text uses (0 = highest)."""
    used = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    return {md: rank for rank, md in enumerate(used)}


def too_many_heading_levels(text: str) -> list[int]:
    """The distinct Markdown heading levels of `text` if they are more than
    MAX_HEADING_LEVELS, else []."""
    # Cheap bound first: ATX levels plus the two setext levels ("Titel\n===", "Titel\n---").
    if len({len(m) for m in _ATX.findall(text)} | {1, 2}) <= MAX_HEADING_LEVELS:
        return []
    from forms.markdown import parser

    used = sorted(heading_ranks(parser().parse(text)))
    return used if len(used) > MAX_HEADING_LEVELS else []
