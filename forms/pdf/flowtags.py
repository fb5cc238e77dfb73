"""From role-carrying flowables (see forms.pdf.flowables) to structure elements and MCIDs.

`plan(story)` walks the story before the build and creates the structure tree in the logical
order of the Vorlage: Document > H1…H6, P, Figure, L > LI > Lbl + LBody (nested lists inside
the LBody), Table > TR > TH/TD. Each flowable gets ``pdf_node``, the element (or slot) its
drawing belongs to; reportlab's splits copy ``pdf_*`` attributes to the parts, so every part
of a split paragraph adds its MCIDs to the same element.

While reportlab draws, `draw_flowable` (called from ``Tagged.drawOn``) wraps a flowable in
BDC/EMC and the table callback (reportlab's ``renderCB``) wraps each cell. Table rows that
reportlab repeats on a following page are artifacts, so the header is in the tree once.
Decorations are artifacts, marked while drawing too: rules and spacers (role ``Artifact``),
table backgrounds and grid lines (``renderCB`` events), the page callbacks (header, ENTWURF)
and the deferred footer (`artifact`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from forms.pdf.tagging import StructNode, TagRecorder

DrawOn = Callable[..., Any]


def _is_table(flowable: Any) -> bool:
    return hasattr(flowable, "_cellvalues")


def _cell_flowables(cell: Any) -> list[Any]:
    if isinstance(cell, list | tuple):
        return [c for c in cell if not isinstance(c, str)]
    return [] if isinstance(cell, str) or cell is None else [cell]


def _plain_text(flowable: Any) -> str:
    original = getattr(flowable, "pdf_actual_text", None)  # before placeholders replaced it
    if original:
        return str(original)
    getter = getattr(flowable, "getPlainText", None)
    return " ".join(getter().split()) if getter else ""


def _actual_text(flowable: Any, node: StructNode) -> StructNode:
    """A paragraph printed with placeholders (forms.pdf.glyphs) gives its element the original
    text as /ActualText: the element itself when it is the paragraph's own, else a Span."""
    original = getattr(flowable, "pdf_actual_text", None)
    if not original:
        return node
    if node.role and not node.kids:
        node.actual_text = original
        return node
    return node.add("Span", actual_text=original)


class StoryTagger:
    def __init__(self) -> None:
        self.recorder = TagRecorder()
        self.root = self.recorder.root
        # open lists: key = list path prefix → (L node, {item key: (LI, LBody)})
        self._lists: dict[tuple[Any, ...], StructNode] = {}
        self._items: dict[tuple[Any, ...], tuple[StructNode, StructNode]] = {}

    # -- planning ------------------------------------------------------------------------
    def plan(self, story: list[Any]) -> None:
        for flowable in story:
            self._plan_flowable(flowable, self.root)
        self._normalise_headings()

    def _normalise_headings(self) -> None:
        # PDF/UA: the first numbered heading is H1 and no level is skipped. The renderer's
        # roles assume a Betreff (H1); without one, the section headings move up a level.
        found = [n for n in self.root.nodes() if re.fullmatch(r"H[1-6]", n.role)]
        offset = int(found[0].role[1]) - 1 if found else 0
        last = 0
        for node in found:
            level = max(1, min(int(node.role[1]) - offset, last + 1))
            node.role = f"H{level}"
            last = level

    def _plan_flowable(self, f: Any, parent: StructNode) -> None:
        role = getattr(f, "pdf_role", None)
        if role is None and isinstance(getattr(f, "_content", None), list):
            for inner in f._content:  # KeepTogether and friends: no role of their own
                self._plan_flowable(inner, parent)
            return
        if role is None:
            return
        if role == "Artifact":
            # rules and spacers are plain reportlab flowables: wrap this instance's drawing
            f.drawOn = functools.partial(self._artifact_draw_on, f.drawOn)
            return
        if role != "LI":
            self._lists.clear()
            self._items.clear()
        if role == "Table" and _is_table(f):
            if getattr(f, "pdf_layout", False):
                f._renderCB = self.table_event
                for row in f._cellvalues:
                    self._plan_layout_row([x for c in row for x in _cell_flowables(c)], parent)
            else:
                self._plan_table(f, parent)
        elif role == "LI":
            self._plan_list_item(f, parent)
        elif role == "Figure":
            f.pdf_node = parent.add("Figure", alt=getattr(f, "pdf_alt", None) or "Abbildung")
        elif role in ("P", "H1", "H2", "H3", "H4", "H5", "H6"):
            f.pdf_node = parent.add(role, text=_plain_text(f) if role != "P" else None)
            _actual_text(f, f.pdf_node)
        else:  # a role the renderer may add later: keep the content, in a neutral element
            f.pdf_node = _actual_text(f, parent.add("P"))

    def _plan_layout_row(self, flowables: list[Any], parent: StructNode) -> None:
        """A check box followed by its label reads as one paragraph: "☒ positiv"."""
        i = 0
        while i < len(flowables):
            box = flowables[i]
            label = flowables[i + 1] if i + 1 < len(flowables) else None
            alt = getattr(box, "pdf_alt", None)
            if (
                label is not None
                and getattr(box, "pdf_role", None) == "Figure"
                and alt
                and getattr(label, "pdf_role", None) == "P"
            ):
                option = parent.add("P")
                # the drawn box (and its "x") is replaced by the state as text
                box.pdf_node = option.add("Span", actual_text=alt.split(" ", 1)[0] + " ")
                label.pdf_node = _actual_text(label, option.slot())
                i += 2
                continue
            self._plan_flowable(box, parent)
            i += 1

    def _plan_list_item(self, f: Any, parent: StructNode) -> None:
        path = tuple(getattr(f, "pdf_list", ()) or ((0, 0),))
        container = parent
        body: StructNode | None = None
        for depth in range(len(path)):
            list_key = (*path[:depth], path[depth][0])
            item_key = path[: depth + 1]
            lst = self._lists.get(list_key)
            if lst is None:
                lst = container.add("L")
                self._lists[list_key] = lst
                # a new list at this depth closes the deeper ones of the previous item
                for k in [k for k in self._lists if len(k) > len(list_key)]:
                    del self._lists[k]
            if item_key not in self._items:
                li = lst.add("LI")
                self._items[item_key] = (li, li)  # LBody is added below, after the Lbl
            li, body_or_li = self._items[item_key]
            if depth == len(path) - 1:
                if getattr(f, "pdf_label", None) and body_or_li is li and not li.kids:
                    f.pdf_lbl = li.add("Lbl")
                if body_or_li is li:
                    body_or_li = li.add("LBody")
                    self._items[item_key] = (li, body_or_li)
                body = body_or_li
            else:
                if body_or_li is li:
                    body_or_li = li.add("LBody")
                    self._items[item_key] = (li, body_or_li)
                container = body_or_li
        assert body is not None
        f.pdf_node = _actual_text(f, body.slot())

    def _plan_table(self, t: Any, parent: StructNode) -> None:
        header_rows = int(getattr(t, "pdf_header_rows", 0) or 0)
        header_cols = int(getattr(t, "pdf_header_cols", 0) or 0)
        table = parent.add("Table")
        t.pdf_node = table
        spans = _spans(t)
        rows: list[list[StructNode | None]] = []
        row_of_node: dict[int, int] = {}
        for r, row in enumerate(t._cellvalues):
            tr = table.add("TR")
            slots: list[StructNode | None] = []
            for c, cell in enumerate(row):
                span = spans.get((c, r))
                if span is None:  # covered by another cell's span
                    slots.append(None)
                    continue
                if r < header_rows:
                    cell_node = tr.add("TH", attributes={"O": "Table", "Scope": "Column"})
                elif c < header_cols:
                    cell_node = tr.add("TH", attributes={"O": "Table", "Scope": "Row"})
                else:
                    cell_node = tr.add("TD")
                cell_node.keep_empty = True
                cols, nrows = span
                if cols > 1:
                    cell_node.attributes.update({"O": "Table", "ColSpan": cols})
                if nrows > 1:
                    cell_node.attributes.update({"O": "Table", "RowSpan": nrows})
                for inner in _cell_flowables(cell):
                    if getattr(inner, "pdf_role", None) == "Figure":
                        alt = getattr(inner, "pdf_alt", None) or "Abbildung"
                        inner.pdf_node = cell_node.add("Figure", alt=alt)
                    else:
                        inner.pdf_node = _actual_text(inner, cell_node.slot())
                    row_of_node[id(inner.pdf_node)] = r
                slots.append(cell_node.slot() if isinstance(cell, str) else None)
            rows.append(slots)
        t.pdf_cells = rows
        t.pdf_row_of_node = row_of_node
        t._renderCB = self.table_event

    # -- drawing -------------------------------------------------------------------------
    def draw_flowable(self, f: Any, draw: DrawOn, canvas: Any, *args: Any, **kw: Any) -> Any:
        node = getattr(f, "pdf_node", None)
        if node is None or _is_table(f):
            if _is_table(f):
                f._pdf_row_map = None
            return draw(canvas, *args, **kw)
        label = getattr(f, "pdf_lbl", None) if getattr(f, "pdf_label", None) else None
        start = None
        if label is not None:
            start = self.recorder.begin_label(canvas, label, node)
        else:
            self.recorder.begin(canvas, node)
        try:
            result = draw(canvas, *args, **kw)
            if start is not None:
                self.recorder.split_label(canvas, start, node)
            return result
        finally:
            self.recorder.end(canvas)

    def draw_artifact(self, draw: DrawOn, canvas: Any, *args: Any, **kw: Any) -> Any:
        self.recorder.begin_artifact(canvas, "Layout")
        try:
            return draw(canvas, *args, **kw)
        finally:
            self.recorder.end(canvas)

    def _artifact_draw_on(self, draw: DrawOn, canvas: Any, *args: Any, **kw: Any) -> Any:
        return self.draw_artifact(draw, canvas, *args, **kw)

    def install(self, doc: Any) -> None:
        """Attach to the doc template: flowables find the tagger through the canvas, and the
        page callbacks (header, ENTWURF) draw inside a pagination artifact."""
        doc.pdf_tagger = self
        for template in doc.pageTemplates:
            for attr in ("onPage", "onPageEnd"):
                callback = getattr(template, attr)
                setattr(template, attr, functools.partial(self._page_callback, callback))

    def _page_callback(self, callback: Callable[[Any, Any], Any], canvas: Any, doc: Any) -> None:
        self.recorder.begin_artifact(canvas, "Pagination")
        try:
            callback(canvas, doc)
        finally:
            self.recorder.end(canvas)

    def _row_map(self, t: Any) -> list[int | None]:
        """Row of this (possibly split) table part → row of the planned table; None = repeat.

        A cell's flowables (and the parts reportlab splits them into, in-row splits included)
        carry ``pdf_node``, whose row is known from planning; a row of plain strings only
        follows the previous row.
        """
        row_of: dict[int, int] = getattr(t, "pdf_row_of_node", {})
        repeat = t.repeatRows if isinstance(t.repeatRows, int) else len(t.repeatRows)
        continued = bool(getattr(t, "pdf_continued", False))
        out: list[int | None] = []
        previous = -1
        for r, row in enumerate(t._cellvalues):
            if continued and r < repeat:
                out.append(None)
                continue
            found = next(
                (
                    row_of[id(x.pdf_node)]
                    for cell in row
                    for x in _cell_flowables(cell)
                    if id(getattr(x, "pdf_node", None)) in row_of
                ),
                None,
            )
            previous = found if found is not None else previous + 1
            out.append(previous)
        return out

    def table_event(self, t: Any, event: str, *args: Any) -> None:
        canvas = t.canv
        if event in ("startBG", "startLines"):
            self.recorder.begin_artifact(canvas, "Layout")  # cell backgrounds, grid lines
        elif event in ("endBG", "endLines"):
            self.recorder.end(canvas)
        elif not hasattr(t, "pdf_cells"):
            return  # a layout grid: its cells' flowables tag themselves
        elif event == "startTable":
            t._pdf_row_map = self._row_map(t)
        elif event == "startCell":
            row, col, cellval = args[0], args[1], args[2]
            orig = t._pdf_row_map[row] if row < len(t._pdf_row_map) else None
            if orig is None or orig >= len(t.pdf_cells):
                self.recorder.begin_artifact(canvas)  # a repeated header row
                t._pdf_cell_open = True
                return
            slot = t.pdf_cells[orig][col]
            if slot is not None:
                self.recorder.begin(canvas, slot)
                t._pdf_cell_open = True
            else:
                t._pdf_cell_open = False
                del cellval  # flowables in the cell tag themselves (draw_flowable)
        elif event == "endCell" and getattr(t, "_pdf_cell_open", False):
            self.recorder.end(canvas)
            t._pdf_cell_open = False


def _spans(t: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """(col, row) of every drawn cell → (columns, rows) it spans; covered cells are absent."""
    nrows = len(t._cellvalues)
    ncols = max((len(r) for r in t._cellvalues), default=0)
    result = {(c, r): (1, 1) for r in range(nrows) for c in range(ncols)}
    for cmd in getattr(t, "_spanCmds", None) or []:
        _, (c0, r0), (c1, r1) = cmd[:3]
        c0, c1 = (c % ncols if c < 0 else c for c in (c0, c1))
        r0, r1 = (r % nrows if r < 0 else r for r in (r0, r1))
        c0, c1 = min(c0, c1), max(c0, c1)
        r0, r1 = min(r0, r1), max(r0, r1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                result.pop((c, r), None)
        result[(c0, r0)] = (c1 - c0 + 1, r1 - r0 + 1)
    return result


def plan(story: list[Any]) -> StoryTagger:
    tagger = StoryTagger()
    tagger.plan(story)
    return tagger


@contextmanager
def artifact(canvas: Any, kind: str = "Pagination") -> Iterator[None]:
    """Draw page furniture outside the flowables (e.g. the deferred footer) as an artifact."""
    tagger = tagger_of(canvas)
    if tagger is None:
        yield
        return
    tagger.recorder.begin_artifact(canvas, kind)
    try:
        yield
    finally:
        tagger.recorder.end(canvas)


def tagger_of(canvas: Any) -> StoryTagger | None:
    return getattr(getattr(canvas, "_doctemplate", None), "pdf_tagger", None)


def draw_on(f: Any, draw: DrawOn, canvas: Any, *args: Any, **kw: Any) -> Any:
    """``Tagged.drawOn`` delegates here; without a tagger it just draws."""
    tagger = tagger_of(canvas)
    if tagger is None:
        return draw(canvas, *args, **kw)
    return tagger.draw_flowable(f, draw, canvas, *args, **kw)
