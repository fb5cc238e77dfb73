"""Lines of printed or copied text → the rich-text Markdown of a Vorlage field."""

from __future__ import annotations

import re

from forms.markdown import escape, normalize

_BULLET = re.compile(r"^[-•◦–*·▪]\s+(.*)")
_ORDERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)")
_ORDERED_START = re.compile(r"^(\d{1,3})[.)]\s+\S")


def markdown(section: list[str], inner: str = "") -> str:
    """Page lines → canonical CommonMark (forms.markdown). Every line of the page is a
    paragraph; "-", "•" lines are bullet items; runs of "1.", "2.", … lines are a numbered
    list; a lone "1. Ausgangslage" is a numbered sub-heading and stays literal text.
    A first line matching `inner` (the section's own heading, e.g. "Erläuterungen:") is
    dropped."""
    lines = [" ".join(x.split()) for x in section]
    lines = [x for x in lines if x]
    if lines and inner and re.fullmatch(inner, lines[0]):
        lines = lines[1:]
    numbered = numbered_runs(lines)
    out: list[str] = []
    previous = ""
    count = 0
    for i, line in enumerate(lines):
        bullet = _BULLET.match(line)
        ordered = _ORDERED.match(line) if i in numbered else None
        if bullet:
            kind, text = "ul", f"- {escape(bullet[1])}"
        elif ordered:
            # Numbered from the list's first number on (Markdown renumbers "1. 1. 1." alike).
            count = int(ordered[1]) if previous != "ol" else count + 1
            kind, text = "ol", f"{count}. {escape(ordered[2])}"
        else:
            kind, text = "p", escape(line)
        # Items of one list follow each other directly; everything else is its own block.
        out.append(("\n" if kind == previous != "p" else "\n\n") + text if out else text)
        previous = kind
    return normalize("".join(out))


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
