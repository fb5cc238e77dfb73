"""Tagged PDF for reportlab: marked content while drawing, structure tree afterwards.

reportlab writes no structure of its own. While the document is drawn, each tagged flowable
is wrapped in `/Role <</MCID n>> BDC … EMC` (see `forms.pdf.flowtags`); the recorder notes
which structure element owns which (page, MCID). After the build, `finish_tagging` opens the
PDF with pikepdf, marks every remaining piece of page content as `/Artifact` (rules, boxes,
header, footer, page numbers: whatever no structure element claimed) and writes the
StructTreeRoot with its ParentTree.

The structure elements are created in the logical order of the Vorlage, before anything is
drawn, so the tree keeps that order even when a paragraph or a table is split across pages:
every part of a split flowable adds its MCIDs to the same element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf


@dataclass(eq=False)
class MarkedRef:
    page: int  # 1-based page number
    mcid: int


@dataclass(eq=False)
class StructNode:
    """One structure element. `kids` mixes child elements and marked-content references.

    A node with an empty role is a *slot*: it is not written as an element of its own, its
    marked content goes straight into the parent. Slots keep the logical order when an
    element gets content and child elements (a list item's text, then its nested list).
    """

    role: str
    parent: StructNode | None = None
    kids: list[StructNode | MarkedRef] = field(default_factory=list)
    alt: str | None = None
    actual_text: str | None = None
    title: str | None = None
    lang: str | None = None
    # e.g. {"O": "Table", "Scope": "Column", "ColSpan": 2}: str values are written as names
    attributes: dict[str, str | int] = field(default_factory=dict)
    keep_empty: bool = False  # table cells stay even without content (the grid must be whole)
    text: str | None = None  # plain text of a heading, for the bookmarks (not written to the tree)

    @property
    def tag(self) -> str:
        """Tag of the marked-content sequence: a slot is written as its parent's content."""
        node: StructNode | None = self
        while node is not None and not node.role:
            node = node.parent
        return node.role if node is not None else "Span"

    def slot(self) -> StructNode:
        """A place for content among this element's kids, fixed now, filled while drawing."""
        return self.add("")

    def add(self, role: str, **kwargs: Any) -> StructNode:
        child = StructNode(role, parent=self, **kwargs)
        self.kids.append(child)
        return child

    def nodes(self) -> Iterator[StructNode]:
        yield self
        for k in self.kids:
            if isinstance(k, StructNode):
                yield from k.nodes()

    def has_content(self) -> bool:
        return any(
            isinstance(k, MarkedRef) or (isinstance(k, StructNode) and k.has_content())
            for k in self.kids
        )


@dataclass(frozen=True)
class LabelSplit:
    """A labelled list paragraph drawn as one sequence, to be cut after the label's text."""

    page: int
    label_mcid: int
    body_mcid: int
    body_role: str


class TagRecorder:
    """Hands out MCIDs per page while reportlab draws; one recorder per rendered document."""

    def __init__(self, root_role: str = "Document") -> None:
        self.root = StructNode(root_role)
        self.label_splits: list[LabelSplit] = []
        self._next_mcid: dict[int, int] = {}
        self._canvas_id: int | None = None
        # Open marked-content sequences, outermost first; None is an artifact. Only the
        # outermost one is written: an MCID must belong to exactly one element, and tagged
        # content inside an artifact (or the reverse) is forbidden.
        self._open: list[StructNode | None] = []

    @staticmethod
    def page_of(canvas: Any) -> int:
        # The doc template's counter is right even with canvases that defer showPage
        # (the "Seite X von Y" pattern); a bare canvas falls back to its own number.
        doc = getattr(canvas, "_doctemplate", None)
        page = getattr(doc, "page", None)
        return int(page) if page else int(canvas.getPageNumber())

    def _sync(self, canvas: Any) -> None:
        # A multi-pass build draws on a fresh canvas each pass: forget the previous pass.
        if id(canvas) != self._canvas_id:
            self._canvas_id = id(canvas)
            self._next_mcid.clear()
            self._open.clear()
            self.label_splits.clear()
            for node in self.root.nodes():
                node.kids = [k for k in node.kids if isinstance(k, StructNode)]

    def _mcid(self, canvas: Any, node: StructNode) -> tuple[int, int]:
        page = self.page_of(canvas)
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        node.kids.append(MarkedRef(page, mcid))
        return page, mcid

    def begin(self, canvas: Any, node: StructNode) -> None:
        self._sync(canvas)
        if self._open:
            self._open.append(self._open[-1])
            return
        _, mcid = self._mcid(canvas, node)
        self._open.append(node)
        canvas.addLiteral(f"/{node.tag} <</MCID {mcid}>> BDC")

    def begin_label(self, canvas: Any, label: StructNode, body: StructNode) -> None:
        """Like `begin(label)`; the first text object is the label, the rest goes to `body`."""
        self._sync(canvas)
        if self._open:
            self._open.append(self._open[-1])
            return
        page, mcid = self._mcid(canvas, label)
        _, body_mcid = self._mcid(canvas, body)
        self.label_splits.append(LabelSplit(page, mcid, body_mcid, body.tag))
        self._open.append(label)
        canvas.addLiteral(f"/{label.tag} <</MCID {mcid}>> BDC")

    def begin_artifact(self, canvas: Any) -> None:
        self._sync(canvas)
        if self._open:
            self._open.append(self._open[-1])
            return
        self._open.append(None)
        canvas.addLiteral("/Artifact BMC")

    def end(self, canvas: Any) -> None:
        if not self._open:
            return
        self._open.pop()
        if not self._open:
            canvas.addLiteral("EMC")

    def drop(self, page: int, mcid: int) -> None:
        for node in self.root.nodes():
            node.kids = [
                k
                for k in node.kids
                if not (isinstance(k, MarkedRef) and k.page == page and k.mcid == mcid)
            ]


# --------------------------------------------------------------------------------------------
# After the build: artifacts and the structure tree


_PAINT = frozenset(
    {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}
)
_PATH_START = frozenset({"m", "re"})
_PATH_END = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"})


def _units(instructions: list[Any]) -> list[tuple[str, list[Any]]]:
    """Group top-level instructions into units that must not be split by marked content.

    kinds: 'marked' (a whole BMC/BDC…EMC), 'text' (BT…ET), 'path' (construction + paint),
    'paint' (Do, sh, inline image), 'qQ' (q or Q: never put inside an artifact, so graphics
    state nesting and marked-content nesting cannot cross), 'state' (anything else).
    """
    units: list[tuple[str, list[Any]]] = []
    i, n = 0, len(instructions)
    while i < n:
        ins = instructions[i]
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            units.append(("paint", [ins]))
            i += 1
            continue
        op = str(ins.operator)
        if op in ("BMC", "BDC"):
            depth, j = 0, i
            while j < n:
                o = instructions[j]
                if not isinstance(o, pikepdf.ContentStreamInlineImage):
                    oo = str(o.operator)
                    if oo in ("BMC", "BDC"):
                        depth += 1
                    elif oo == "EMC":
                        depth -= 1
                        if depth == 0:
                            break
                j += 1
            units.append(("marked", instructions[i : j + 1]))
            i = j + 1
        elif op == "BT":
            j = i
            while j < n and (
                isinstance(instructions[j], pikepdf.ContentStreamInlineImage)
                or str(instructions[j].operator) != "ET"
            ):
                j += 1
            units.append(("text", instructions[i : j + 1]))
            i = j + 1
        elif op in _PATH_START:
            j = i
            while j < n and (
                isinstance(instructions[j], pikepdf.ContentStreamInlineImage)
                or str(instructions[j].operator) not in _PATH_END
            ):
                j += 1
            units.append(("path", instructions[i : j + 1]))
            i = j + 1
        elif op in ("q", "Q"):
            units.append(("qQ", [ins]))
            i += 1
        elif op in _PAINT:
            units.append(("paint", [ins]))
            i += 1
        else:
            units.append(("state", [ins]))
            i += 1
    return units


def _paints(kind: str, unit: list[Any]) -> bool:
    if kind == "paint":
        return True
    if kind == "text":
        return any(
            not isinstance(x, pikepdf.ContentStreamInlineImage) and str(x.operator) in _PAINT
            for x in unit
        )
    if kind == "path":
        last = unit[-1]
        return not isinstance(last, pikepdf.ContentStreamInlineImage) and str(last.operator) != "n"
    return False


_ARTIFACT_OPEN = pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC"))
_ARTIFACT_CLOSE = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))


def _emit_run(run: list[tuple[str, list[Any]]], out: list[Any]) -> bool:
    """Copy a run of units to `out`, the part from first to last painting unit as artifact."""
    painting = [i for i, (kind, unit) in enumerate(run) if _paints(kind, unit)]
    if not painting:
        for _, unit in run:
            out.extend(unit)
        return False
    first, last = painting[0], painting[-1]
    for _, unit in run[:first]:
        out.extend(unit)
    out.append(_ARTIFACT_OPEN)
    for _, unit in run[first : last + 1]:
        out.extend(unit)
    out.append(_ARTIFACT_CLOSE)
    for _, unit in run[last + 1 :]:
        out.extend(unit)
    return True


def _split_labels(
    instructions: list[Any], splits: dict[int, LabelSplit]
) -> tuple[list[Any], set[int]]:
    """Cut each labelled sequence after its first text object; returns the MCIDs done."""
    if not splits:
        return instructions, set()
    out: list[Any] = []
    done: set[int] = set()
    pending: LabelSplit | None = None
    depth = 0
    for ins in instructions:
        out.append(ins)
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            continue
        op = str(ins.operator)
        if op in ("BMC", "BDC"):
            depth += 1
            if op == "BDC" and depth == 1 and len(ins.operands) > 1:
                props = ins.operands[1]
                mcid = props.get("/MCID") if isinstance(props, Dictionary) else None
                pending = splits.get(int(mcid)) if mcid is not None else None
        elif op == "EMC":
            depth -= 1
            pending = None
        elif op == "ET" and pending is not None and depth == 1:
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
            props = Dictionary(MCID=pending.body_mcid)
            out.append(
                pikepdf.ContentStreamInstruction(
                    [Name("/" + pending.body_role), props], pikepdf.Operator("BDC")
                )
            )
            done.add(pending.label_mcid)
            pending = None
    return out, done


def rewrite_pages(pdf: Pdf, recorder: TagRecorder | None = None) -> int:
    """Finish the page content: cut label sequences, mark all untagged painting as artifact.

    Returns how many runs became artifacts. A label split that found no text object leaves
    the whole sequence to the label; the body's MCID is then dropped from the tree.
    """
    splits_by_page: dict[int, dict[int, LabelSplit]] = {}
    for split in recorder.label_splits if recorder else ():
        splits_by_page.setdefault(split.page, {})[split.label_mcid] = split
    wrapped = 0
    for number, page in enumerate(pdf.pages, start=1):
        instructions = list(pikepdf.parse_content_stream(page.obj))
        splits = splits_by_page.get(number, {})
        instructions, done = _split_labels(instructions, splits)
        for label_mcid, split in splits.items():
            if label_mcid not in done and recorder is not None:
                recorder.drop(number, split.body_mcid)
        out: list[Any] = []
        run: list[tuple[str, list[Any]]] = []
        before = wrapped
        for kind, unit in _units(instructions):
            if kind in ("marked", "qQ"):
                wrapped += _emit_run(run, out)
                run = []
                out.extend(unit)
            else:
                run.append((kind, unit))
        wrapped += _emit_run(run, out)
        if wrapped != before or done:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    return wrapped


def mark_untagged_as_artifacts(pdf: Pdf) -> int:
    return rewrite_pages(pdf, None)


def first_page(node: StructNode) -> int | None:
    for k in node.kids:
        page = k.page if isinstance(k, MarkedRef) else first_page(k)
        if page is not None:
            return page
    return None


def _prune(node: StructNode) -> None:
    node.kids = [
        k for k in node.kids if isinstance(k, MarkedRef) or k.keep_empty or k.has_content()
    ]
    for k in node.kids:
        if isinstance(k, StructNode):
            _prune(k)


def write_structure_tree(pdf: Pdf, root: StructNode, *, lang: str | None = None) -> None:
    """Write StructTreeRoot, ParentTree and /StructParents for the recorded tree."""
    _prune(root)
    pages = list(pdf.pages)
    parent_of: dict[tuple[int, int], Dictionary] = {}

    def flat(kids: list[StructNode | MarkedRef]) -> list[StructNode | MarkedRef]:
        out: list[StructNode | MarkedRef] = []
        for k in kids:
            if isinstance(k, StructNode) and not k.role:
                out.extend(flat(k.kids))
            else:
                out.append(k)
        return out

    def build(node: StructNode, parent: Dictionary) -> Dictionary:
        elem = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent)
        )
        kids_in_order = flat(node.kids)
        refs = [k for k in kids_in_order if isinstance(k, MarkedRef)]
        home = refs[0].page if refs else None
        if home is not None:
            elem.Pg = pages[home - 1].obj
        kids = Array()
        for k in kids_in_order:
            if isinstance(k, StructNode):
                kids.append(build(k, elem))
            else:
                parent_of[(k.page, k.mcid)] = elem
                if k.page == home:
                    kids.append(k.mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[k.page - 1].obj, MCID=k.mcid))
        if len(kids):
            elem.K = kids
        if node.alt:
            elem.Alt = pikepdf.String(node.alt)
        if node.actual_text:
            elem.ActualText = pikepdf.String(node.actual_text)
        if node.title:
            elem.T = pikepdf.String(node.title)
        if node.lang:
            elem.Lang = pikepdf.String(node.lang)
        if node.attributes:
            attrs = Dictionary()
            for key, value in node.attributes.items():
                attrs[f"/{key}"] = Name("/" + value) if isinstance(value, str) else value
            elem.A = attrs
        return elem

    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = build(root, tree_root)
    if lang and root.lang is None:
        doc.Lang = pikepdf.String(lang)
    tree_root.K = Array([doc])

    nums = Array()
    key = 0
    for number, page in enumerate(pages, start=1):
        mcids = sorted(m for (p, m) in parent_of if p == number)
        if not mcids:
            continue
        arr = Array([parent_of.get((number, m)) for m in range(mcids[-1] + 1)])
        page.obj.StructParents = key
        nums.append(key)
        nums.append(pdf.make_indirect(arr))
        key += 1
        # Tab order follows the structure (PDF/UA for pages with annotations; harmless else).
        page.obj.Tabs = Name.S
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
