"""CommonMark Markdown (the storage format of Beschlussvorschlag and Erläuterungen) → flowables.

Parsed by `forms.markdown.parser()`, the same configured markdown-it parser the writers use
(CommonMark, GitHub tables, strikethrough, raw HTML off), so both ends agree on the meaning:
literal ``<img …>``, ``&nbsp;`` or ``*`` typed by a clerk are stored backslash-escaped
(`forms.markdown.escape`) and print literally; an entity in the stored text (``&nbsp;``, the
canonical form of a non-breaking space) prints as its character. Every text run is escaped
before it becomes Paragraph markup; links print their text followed by their target in
parentheses, images their alternative text, so nothing is ever loaded or linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import HRFlowable

from forms.headings import heading_ranks
from forms.markdown import parser
from forms.pdf.flowables import (
    escape,
    escape_lines,
    has_tall_row,
    markup_para,
    rows_as_paragraphs,
    table,
    tag,
)
from forms.pdf.fonts import FONT
from forms.pdf.styles import FRAME_WIDTH, GRID, HEADER_FILL, Styles, stylesheet

LIST_INDENT = 16.0
QUOTE_INDENT = 14.0
BULLETS = ("•", "◦", "▪")


# Markdown inline tokens that become reportlab Paragraph tags; nothing else ever does.
_TAGS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "s_open": "<strike>",
    "s_close": "</strike>",
}


# "1.825.900,00 €", "5 %", "12 Mio. €": the figure and its unit never part at a line end.
_UNIT_GAP = re.compile(r"(?<=\d) (?=(?:€|EUR|%|T€|Mio\.|Mrd\.)(?!\w))")
# A table column whose body cells are all figures ("1.234,56", "−12 %", "2026") is
# right-aligned unless the Markdown says otherwise (":---").
_FIGURE = re.compile(r"^[−+-]?\d[\d.\u00a0 ]*(?:,\d+)?(?:\u00a0?(?:€|EUR|%|T€))?$")
_TAG = re.compile(r"<[^>]+>")


def keep_units(text: str) -> str:
    return _UNIT_GAP.sub("\u00a0", text)


def _is_figure(markup: str) -> bool:
    plain = _TAG.sub("", markup).replace("&nbsp;", " ").strip()
    return bool(_FIGURE.match(plain))


def _align_figures(rows: list[list[tuple[str, str, bool]]]) -> None:
    """Columns without an alignment of their own and only figures in the body go right."""
    ncols = max(len(r) for r in rows)
    for c in range(ncols):
        cells = [r[c] for r in rows if c < len(r)]
        body = [m for m, _a, header in cells if not header and _TAG.sub("", m).strip()]
        if not body or any(a != "auto" for _m, a, _h in cells):
            continue
        if all(_is_figure(m) for m in body):
            for r in rows:
                if c < len(r):
                    r[c] = (r[c][0], "right", r[c][2])


def inline_markup(children: Sequence[Token] | None) -> str:
    """Inline tokens → Paragraph markup; only the tags produced here are markup."""
    out: list[str] = []
    links: list[tuple[str, str]] = []  # open links: (target, text so far)
    for tok in children or ():
        kind = tok.type
        if kind in ("text", "text_special", "code_inline", "html_inline"):
            out.append(escape(keep_units(tok.content)))
            links = [(target, text + tok.content) for target, text in links]
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind in _TAGS:
            out.append(_TAGS[kind])
        elif kind == "image":
            out.append(escape(tok.content))
        elif kind == "link_open":
            links.append((str(tok.attrs.get("href", "")), ""))
        elif kind == "link_close" and links:
            out.append(_link_target(*links.pop()))
    return "".join(out)


def _link_target(target: str, text: str) -> str:
    """The target of a link in print after its text – "Text (https://…)" – so paper, the
    extracted text and the tag tree keep it. Nothing is linked or loaded: it is only text.
    An autolink (<https://…>) already shows its target."""
    shown = target.removeprefix("mailto:")
    if not target or text.strip() in (target, shown):
        return ""
    return f" ({escape(shown)})"


@dataclass
class _List:
    list_id: int
    ordered: bool
    number: int
    depth: int
    indent: float = LIST_INDENT  # room for the widest label ("•", "9.", "120.")
    item: int = -1
    pending_label: str | None = None


@dataclass
class _Builder:
    styles: Styles
    width: float
    base_level: int
    out: list[Flowable] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0
    last_heading: int = 0
    list_counter: int = 0
    _styles: dict[tuple[str, float, bool], ParagraphStyle] = field(default_factory=dict)

    ranks: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.last_heading = self.base_level - 1

    # -- helpers -------------------------------------------------------------------------
    def _indent(self) -> float:
        return sum(lst.indent for lst in self.lists) + self.quote_depth * QUOTE_INDENT

    def _style(self, base: ParagraphStyle) -> ParagraphStyle:
        indent = self._indent()
        if not indent:
            return base
        label_room = self.lists[-1].indent if self.lists else 0.0
        key = (base.name, indent, bool(self.lists))
        style = self._styles.get(key)
        if style is None:  # one style per indent, not one per paragraph
            style = self._styles[key] = ParagraphStyle(
                f"{base.name}-i{indent:g}",
                parent=base,
                leftIndent=indent,
                bulletIndent=indent - label_room + 2,
                spaceAfter=3 if self.lists else base.spaceAfter,
            )
        return style

    def _paragraph(self, markup: str) -> None:
        if self.lists:
            current = self.lists[-1]
            path = tuple((lst.list_id, lst.item) for lst in self.lists)
            label = current.pending_label
            current.pending_label = None
            para = markup_para(markup, self._style(self.styles.list_item), "LI", list=path)
            if label is not None:
                para.bulletText = label
                para.pdf_label = label
            self.out.append(para)
        else:
            self.out.append(markup_para(markup, self._style(self.styles.body), "P"))

    # -- blocks --------------------------------------------------------------------------
    def build(self, tokens: list[Token]) -> list[Flowable]:
        self.ranks = heading_ranks(tokens)
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self._heading(int(tok.tag[1]), tokens[i + 1])
                i += 3
                continue
            if kind == "paragraph_open":
                self._paragraph(inline_markup(tokens[i + 1].children))
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrs.get("start", 1) or 1)
                self.list_counter += 1
                ordered = kind == "ordered_list_open"
                lst = _List(self.list_counter, ordered, start - 1, len(self.lists))
                if ordered:
                    last = start + _count_items(tokens, i) - 1
                    label_w = stringWidth(f"{last}.", FONT, self.styles.list_item.fontSize)
                    lst.indent = max(LIST_INDENT, label_w + 6)
                self.lists.append(lst)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                current = self.lists[-1]
                current.item += 1
                current.number += 1
                current.pending_label = (
                    f"{current.number}."
                    if current.ordered
                    else BULLETS[current.depth % len(BULLETS)]
                )
            elif kind == "list_item_close":
                current = self.lists[-1]
                if current.pending_label is not None:  # empty item: still show its label
                    self._paragraph("")
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("fence", "code_block"):
                self._paragraph(escape_lines(tok.content.rstrip("\n")))
            elif kind == "hr":
                self.out.append(
                    tag(
                        HRFlowable(
                            width="100%", thickness=0.5, color=GRID, spaceBefore=4, spaceAfter=6
                        ),
                        "Artifact",
                    )
                )
            elif kind == "table_open":
                end = next(j for j in range(i, n) if tokens[j].type == "table_close")
                self._table(tokens[i:end])
                i = end + 1
                continue
            elif kind == "inline":  # stray inline (e.g. inside html_block when html is on)
                self._paragraph(inline_markup(tok.children))
            i += 1
        return self.out

    def _heading(self, md_level: int, inline: Token) -> None:
        # The Markdown levels a text uses, in order, sit below the section heading: equal
        # Markdown levels give equal H levels (bookmarks, printed size), and "#" then "###"
        # give H3 then H4, no level skipped. Only a heading deeper than any before it by more
        # than one (an outline starting with "###") is raised (PDF/UA: no skipped level).
        # More than MAX_HEADING_LEVELS levels: the deepest share H6 (forms/rules/ reports it).
        level = min(self.base_level + self.ranks[md_level], self.last_heading + 1, 6)
        self.last_heading = level
        depth = min(level - self.base_level, len(self.styles.heading) - 1)
        self.out.append(
            markup_para(inline_markup(inline.children), self.styles.heading[depth], f"H{level}")
        )

    def _table(self, tokens: list[Token]) -> None:
        rows: list[list[tuple[str, str, bool]]] = []  # (markup, align, header)
        header_rows = 0
        for j, tok in enumerate(tokens):
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type in ("th_open", "td_open"):
                style = str(tok.attrs.get("style", ""))
                align = style.removeprefix("text-align:") if style else "auto"
                markup = inline_markup(tokens[j + 1].children)
                rows[-1].append((markup, align, tok.type == "th_open"))
            elif tok.type == "thead_close":
                header_rows = len(rows)
        if not rows:
            return
        _align_figures(rows)
        rows = [[(m, "left" if a == "auto" else a, h) for m, a, h in r] for r in rows]
        ncols = max(len(r) for r in rows)
        s = self.styles
        by_align = {"left": s.cell, "right": s.cell_right, "center": s.cell_center}
        data: list[list[Any]] = []
        for r in rows:
            cells: list[Any] = []
            for markup, align, header in r:
                style = s.cell_head if header else by_align.get(align, s.cell)
                if header and align != "left":
                    style = ParagraphStyle(
                        f"th-{align}", parent=s.cell_head, alignment=by_align[align].alignment
                    )
                cells.append(markup_para(markup, style, "P"))
            cells.extend("" for _ in range(ncols - len(cells)))
            data.append(cells)
        widths = _column_widths(rows, ncols, self.width - self._indent())
        if widths is None or has_tall_row(data, widths):
            # Too many columns for the page, or a page-long cell: one paragraph per row.
            heads = [m for m, _a, _h in rows[0]] if header_rows else []
            body = [[m for m, _a, _h in r] for r in rows[header_rows:]]
            self.out.extend(rows_as_paragraphs(heads, body, self._style(s.body)))
            return
        style_cmds: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header_rows:
            style_cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
        t = table(
            data,
            col_widths=widths,
            style=style_cmds,
            header_rows=header_rows,
            hAlign="LEFT",
            spaceBefore=4,
            spaceAfter=8,
        )
        self.out.append(t)


def _count_items(tokens: list[Token], start: int) -> int:
    """Items of the list whose open token is tokens[start] (nested lists not counted)."""
    level = tokens[start].level
    count = 0
    for tok in tokens[start + 1 :]:
        if tok.level == level and tok.type.endswith("_list_close"):
            break
        if tok.type == "list_item_open" and tok.level == level + 1:
            count += 1
    return count


# The narrowest usable column (points, padding included): the widest glyph at 8.5 pt plus the
# cell padding. Narrower columns made reportlab fail ("negative availWidth"); a table that
# cannot give every column this much is printed as one paragraph per row instead.
MIN_COLUMN = 18.0


def _column_widths(
    rows: list[list[tuple[str, str, bool]]], ncols: int, total: float
) -> list[float] | None:
    """Share the width by the longest text per column (approximate, markup length); None
    when the columns do not fit side by side."""
    if ncols * MIN_COLUMN > total:
        return None
    longest = [1.0] * ncols
    for r in rows:
        for c, (markup, _align, _h) in enumerate(r):
            longest[c] = max(longest[c], stringWidth(markup[:80], FONT, 8.5))
    # Short columns get what they need; long ones share the rest. Floor keeps columns usable.
    floor = min(40.0, total / ncols)
    weights = [max(w, floor) for w in longest]
    scale = total / sum(weights)
    widths = [w * scale for w in weights]
    if min(widths) >= MIN_COLUMN:
        return widths
    # Long columns would squeeze the others below the minimum: each column gets the minimum,
    # the rest of the width is shared by the same weights.
    room = total - ncols * MIN_COLUMN
    extra = sum(weights)
    return [MIN_COLUMN + room * w / extra for w in weights]


def markdown_flowables(
    text: str, *, base_level: int = 3, width: float = FRAME_WIDTH, styles: Styles | None = None
) -> list[Flowable]:
    """Markdown → role-carrying flowables; headings start at level `base_level`."""
    if not text.strip():
        return []
    builder = _Builder(styles or stylesheet(), width, base_level)
    return builder.build(parser().parse(text))
