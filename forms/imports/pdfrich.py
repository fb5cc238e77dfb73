"""Rich text of the printed Vorlage: paragraphs, list items (nested by indent), headings and
bold/italic from positioned lines; copied text (no positions) joined by sentence first; and the
signature split off the end of the Beschlussvorschlag."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from forms.imports.pdflines import Line, Segment
from forms.imports.textblocks import join_wrapped
from forms.imports.textblocks import markdown as lines_markdown
from forms.markdown import escape, normalize

_BULLET = ("•", "◦", "▪", "-", "–", "·")
_NUMBER = re.compile(r"\d{1,3}[.)]")


@dataclass
class _Block:
    """A paragraph or list item: its lines' segments, the list label, the indent."""

    kind: str  # "p", "ul", "ol", "h1", "h2"
    x: float
    label: str
    segments: list[Segment]
    gap_before: float


_SIGNATURE_GAP = 24.0
_SIGNATURE_WORDS = re.compile(
    r"^(In Vertretung|(Ober)?[Bb]ürgermeister(in)?|Beigeordnete(r)?|Stadtdirektor(in)?)\b"
)


def split_signature(lines: list[Line], positioned: bool) -> tuple[list[Line], list[str]]:
    """The signature is the last block of the Beschlussvorschlag section, set apart by extra
    space (printed) or recognised by its words (copied text)."""
    if not lines:
        return lines, []
    if positioned:
        for i in range(len(lines) - 1, 0, -1):
            same_page = lines[i].page == lines[i - 1].page
            if same_page and lines[i - 1].y - lines[i].y > _SIGNATURE_GAP:
                return lines[:i], [line.text for line in lines[i:]]
        return lines, []
    for i in range(len(lines) - 1, -1, -1):
        if _SIGNATURE_WORDS.match(lines[i].text):
            start = i - 1 if i > 0 and not lines[i - 1].text.endswith(".") else i
            return lines[:start], [line.text for line in lines[start:]]
    return lines, []


def _span_markdown(segments: list[Segment], plain_bold: bool = False) -> str:
    """The spans of a block's lines as Markdown. A bold phrase that wraps onto the next line
    is one phrase: spans of the same style are merged across line ends first."""
    runs: list[list[Any]] = []  # [text, bold, italic]
    for segment in segments:
        for span in segment.spans:
            style = (span.bold and not plain_bold, span.italic)
            # Same style, or a bare space between styles: part of the run before.
            if runs and ((runs[-1][1], runs[-1][2]) == style or not span.text.strip()):
                runs[-1][0] += span.text
            else:
                runs.append([span.text, *style])
        if runs:
            runs[-1][0] += " "  # the line break between two printed lines
    parts: list[str] = []
    for text, bold, italic in runs:
        if not text.strip():
            parts.append(" ")
            continue
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        inner = escape(" ".join(text.split()))
        if bold and italic:
            inner = f"***{inner}***"
        elif bold:
            inner = f"**{inner}**"
        elif italic:
            inner = f"*{inner}*"
        parts.append(lead + inner + tail)
    return " ".join("".join(parts).split())


def _right_edge(line: Line) -> float:
    """Where the line's text ends (Helvetica metrics: Arial and Liberation Sans share them)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    last = line.segments[-1]
    return (last.x or 0.0) + stringWidth(last.text, "Helvetica", last.size or 10.0)


def _same_paragraph(previous: Line, line: Line, right: float) -> bool:
    """Across a page break: the tagged PDF says it (one structure element); an untagged one
    only by the wrap: the paragraph went on if the next word did not fit."""
    before, after = previous.segments[-1].element, line.segments[0].element
    if before is not None and after is not None:
        return before == after
    return not _fits(previous, line, right)


def _fits(previous: Line, line: Line, right: float) -> bool:
    """Whether the first word of `line` would have fitted at the end of `previous`: then the
    break was a paragraph end, not a wrap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = line.text.split()
    size = line.segments[0].size or 10.0
    word = stringWidth(" " + (words[0] if words else ""), "Helvetica", size)
    return _right_edge(previous) + word < right - 1


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    previous: Line | None = None
    # A paragraph split over two pages continues if its last line on the first page is full.
    right = max((_right_edge(line) for line in lines if line.segments), default=0.0)
    for line in lines:
        segs = [s for s in line.segments if s.text]
        if not segs:
            continue
        gap = (previous.y - line.y) if previous and previous.page == line.page else 0.0
        size = segs[0].size or 10.0
        first = segs[0].text
        label = ""
        kind = "p"
        if len(segs) >= 2 and (first in _BULLET or _NUMBER.fullmatch(first)):
            label, kind, segs = first, ("ul" if first in _BULLET else "ol"), segs[1:]
        elif segs[0].bold and all(s.bold for s in segs) and size >= 10.4:
            kind = "h1" if size >= 11 else "h2"
        x = segs[0].x or 0.0
        leading = size * 1.3
        last = blocks[-1] if blocks else None
        continues = (
            last is not None
            and kind == "p"
            and last.kind in ("p", "ul", "ol")
            and previous is not None
            and (
                (previous.page == line.page and gap <= leading * 1.1)
                or (previous.page != line.page and _same_paragraph(previous, line, right))
            )
            and abs(x - (last.segments[0].x or 0.0)) < 1.5
        )
        if continues and last is not None:
            last.segments.extend(segs)
        else:
            blocks.append(_Block(kind, line.x or 0.0, label, list(segs), gap))
        previous = line
    return blocks


def rich_markdown(lines: list[Line]) -> str:
    """Positioned lines → canonical Markdown: paragraphs by spacing, list items by their
    label, nesting by indent, bold/italic by font, headings by size."""
    out: list[str] = []
    # Open list levels: (indent of the label on the page, width of the Markdown marker).
    levels: list[tuple[float, int]] = []
    prev_kind = ""
    for block in _blocks(lines):
        heading = block.kind in ("h1", "h2")
        text = _span_markdown(block.segments, plain_bold=heading)
        if not text:
            continue
        if block.kind in ("ul", "ol"):
            while levels and block.x < levels[-1][0] - 1:
                levels.pop()
            marker = "-" if block.kind == "ul" else block.label.rstrip(".)") + "."
            if levels and abs(block.x - levels[-1][0]) <= 1:
                levels[-1] = (block.x, len(marker) + 1)
            else:
                levels.append((block.x, len(marker) + 1))
            pad = " " * sum(width for _, width in levels[:-1])
            sep = "\n" if prev_kind in ("ul", "ol") else "\n\n"
            out.append((sep if out else "") + f"{pad}{marker} {text}")
        else:
            levels = []
            prefix = {"h1": "# ", "h2": "## "}.get(block.kind, "")
            out.append(("\n\n" if out else "") + prefix + text)
        prev_kind = block.kind
    return normalize("".join(out))


def text_markdown(lines: list[Line]) -> str:
    """Copied text → Markdown: wrapped lines of one sentence are joined first."""
    return lines_markdown(join_wrapped([line.text for line in lines]))
