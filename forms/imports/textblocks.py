"""Lines of printed or copied text → the rich-text Markdown of a Vorlage field."""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.markdown import MAX_LIST_DEPTH, escape, normalize

_BULLET = re.compile(r"^([-•◦–*·▪])\s+(.*)")
# Word's second-level bullet "o" pasted into the page: a bullet only as a sub-item (indented,
# or right below another item); at the start of a paragraph it is a word.
_SUB_BULLET = re.compile(r"^(o)\s+(.*)")
_ORDERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)")
_ORDERED_START = re.compile(r"^(\d{1,3})[.)]\s+\S")
_TAB = 4  # a tab in copied text indents like four spaces


@dataclass
class _Level:
    """An open list level: its indent on the page, its marker ("-", "•", "o", … or "ol" for a
    numbered list), the width of its Markdown marker (its sub-items' indent), the last number."""

    indent: int
    marker: str
    width: int = 2
    count: int = 0


def markdown(section: list[str], inner: str = "") -> str:
    """Page lines → canonical CommonMark (forms.markdown).

    Every line of the page is a paragraph, except a hard break inside a sentence: a line that
    does not end a sentence followed by one that starts in lower case, or by a lone "€", "EUR"
    or "%", is one paragraph (joined by a space). "-", "•" lines are bullet items; runs of "1.",
    "2.", … lines (or "1." on every item) are a numbered list; a lone "1. Ausgangslage" is a
    numbered sub-heading and stays literal text. A sub-item – indented deeper than the item
    above it, or (text copied without indentation) marked "o" or with another bullet than it –
    is nested, at most `MAX_LIST_DEPTH` levels deep. A first line matching `inner` (the
    section's own heading, e.g. "Erläuterungen:") is dropped."""
    lines = _indented(section)
    if lines and inner and re.fullmatch(inner, lines[0][1]):
        lines = lines[1:]
    lines = _join_continued(lines)
    # Indented bullets between numbered items are their sub-items: they do not end the run.
    top = [i for i, (indent, text) in enumerate(lines) if not (indent and _bullet(text, True))]
    numbered = {top[k] for k in numbered_runs([lines[i][1] for i in top])}
    out: list[str] = []
    levels: list[_Level] = []  # the open list levels, outermost first
    for i, (indent, text) in enumerate(lines):
        bullet = _bullet(text, bool(levels) or indent > 0)
        ordered = _ORDERED.match(text) if i in numbered else None
        if bullet is None and ordered is None:
            levels = []
            out.append(("\n\n" if out else "") + escape(text))
            continue
        marker = bullet[0] if bullet else "ol"
        fresh = _enter(levels, indent, marker)
        level = levels[-1]
        if ordered:
            # Numbered from the list's first number on (Markdown renumbers "1. 1. 1." alike).
            level.count = int(ordered[1]) if level.count == 0 else level.count + 1
            md_marker, body = f"{level.count}.", ordered[2]
        else:
            md_marker, body = "-", bullet[1] if bullet else ""
        level.width = len(md_marker) + 1
        pad = " " * sum(outer.width for outer in levels[:-1])
        # Items of one list follow each other directly; everything else is its own block.
        sep = "\n\n" if fresh else "\n"
        out.append((sep if out else "") + f"{pad}{md_marker} {escape(body)}")
    return normalize("".join(out))


def _indented(section: list[str]) -> list[tuple[int, str]]:
    """(indent, whitespace-collapsed text) of every non-blank line."""
    out: list[tuple[int, str]] = []
    for raw in section:
        line = raw.expandtabs(_TAB)
        text = " ".join(line.split())
        if text:
            out.append((len(line) - len(line.lstrip()), text))
    return out


def _bullet(text: str, in_list: bool) -> tuple[str, str] | None:
    """(marker, text) of a bullet item; "o" counts only inside a list."""
    match = _BULLET.match(text) or (_SUB_BULLET.match(text) if in_list else None)
    return (match[1], match[2]) if match else None


def _starts_item(text: str, in_list: bool) -> bool:
    return bool(_bullet(text, in_list) or _ORDERED_START.match(text))


def _join_continued(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join a hard break inside a sentence: the line before does not end a sentence and this
    one continues it in lower case; a lone "€", "EUR" or "%" always belongs to the line before.
    A list item is never a continuation."""
    out: list[tuple[int, str]] = []
    for indent, text in lines:
        if out:
            before = out[-1][1]
            in_list = _starts_item(before, True) or indent > 0
            unit = _UNIT_LINE.fullmatch(text) is not None
            continues = (
                text[:1].islower()
                and not _starts_item(text, in_list)
                and not _SENTENCE_END.search(before)
            )
            if unit or continues:
                out[-1] = (out[-1][0], f"{before} {text}")
                continue
        out.append((indent, text))
    return out


def _enter(levels: list[_Level], indent: int, marker: str) -> bool:
    """Make `levels[-1]` the level of an item at `indent` with `marker`; True when it starts a
    new list (a blank line before it in Markdown)."""
    if not levels:
        levels.append(_Level(indent, marker))
        return True
    deeper = False
    if indent > levels[-1].indent:
        deeper = True
    elif indent < levels[-1].indent:
        while len(levels) > 1 and levels[-1].indent > indent:
            levels.pop()
        deeper = levels[-1].indent < indent  # between two levels: below the outer one
    else:
        # The same indent (or none at all): the marker tells the level.
        same = [k for k, level in enumerate(levels) if level.marker == marker]
        if same:
            del levels[same[-1] + 1 :]
        elif marker != "ol" and levels[-1].marker != "ol":
            deeper = True  # "•" then "o": Word's sub-level
        else:
            # A numbered list after bullets (or the other way round) is a list of its own.
            levels[:] = [_Level(indent, marker)]
            return True
    if deeper and len(levels) < MAX_LIST_DEPTH:
        levels.append(_Level(indent, marker))
    return False


def numbered_runs(lines: list[str]) -> set[int]:
    """Indexes of lines that form numbered lists: two or more consecutive lines 1., 2., …"""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        run = [i]
        match = _ORDERED_START.match(lines[i])
        if match:
            number = int(match[1])
            # Word numbers every item "1." when a list is pasted without its numbering.
            repeated = False
            j = i + 1
            while j < len(lines):
                nxt = _ORDERED_START.match(lines[j])
                if not nxt:
                    break
                same = int(nxt[1]) == number and (repeated or j == i + 1)
                if int(nxt[1]) != number + 1 and not same:
                    break
                repeated = repeated or same
                number = number if same else number + 1
                run.append(j)
                j += 1
            if len(run) >= 2:
                found.update(run)
            i = j
        else:
            i += 1
    return found


_LONE_LABEL = re.compile(r"[-•◦–·▪]|\d{1,3}[.)]")
_SENTENCE_END = re.compile(r"[.!?:;]$|[.!?][)“\"»]$")
_UNIT_LINE = re.compile(r"(€|EUR|%|Euro)[.,;]?")


def join_wrapped(lines: list[str]) -> list[str]:
    """Join hard line breaks inside a sentence (text copied out of a PDF viewer breaks every
    printed line): a line that does not end a sentence is continued by the next one, unless
    that starts a list item; a lone "€", "EUR" or "%" line always belongs to the line before.
    A list label copied on a line of its own ("•", "1.") joins its text."""
    out: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if out and _LONE_LABEL.fullmatch(out[-1]) and line:
            out[-1] = f"{out[-1]} {line}"
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        starts_item = bool(
            _BULLET.match(line) or _ORDERED_START.match(line) or _LONE_LABEL.fullmatch(line)
        )
        unit = _UNIT_LINE.fullmatch(line) is not None
        if out and out[-1] and (unit or (not starts_item and not _SENTENCE_END.search(out[-1]))):
            joiner = "" if line[:1] in ",.;)" else " "
            out[-1] = f"{out[-1]}{joiner}{line}"
        else:
            out.append(line)
    return out
