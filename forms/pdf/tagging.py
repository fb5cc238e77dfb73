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
    """One structure element. `kids` mixes child elements and marked-content references."""

    role: str
    parent: StructNode | None = None
    kids: list[StructNode | MarkedRef] = field(default_factory=list)
    alt: str | None = None
    actual_text: str | None = None
    title: str | None = None
    lang: str | None = None
    attributes: dict[str, str] = field(
        default_factory=dict
    )  # e.g. {"O": "Table", "Scope": "Column"}
    keep_empty: bool = False  # table cells stay even without content (the grid must be whole)
    text: str | None = None  # plain text of a heading, for the bookmarks (not written to the tree)

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


class TagRecorder:
    """Hands out MCIDs per page while reportlab draws; one recorder per rendered document."""

    def __init__(self, root_role: str = "Document") -> None:
        self.root = StructNode(root_role)
        self._next_mcid: dict[int, int] = {}
        self._canvas_id: int | None = None
        self._open: list[StructNode | None] = []  # None = artifact

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
            for node in self.root.nodes():
                node.kids = [k for k in node.kids if isinstance(k, StructNode)]

    @property
    def inside_marked(self) -> bool:
        return bool(self._open)

    def begin(self, canvas: Any, node: StructNode) -> None:
        self._sync(canvas)
        if self._open:
            # Nested marked content would make an MCID belong to two elements; the outer
            # sequence already covers this drawing, so only remember the nesting.
            self._open.append(self._open[-1])
            return
        page = self.page_of(canvas)
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        node.kids.append(MarkedRef(page, mcid))
        self._open.append(node)
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")

    def end(self, canvas: Any) -> None:
        if not self._open:
            return
        self._open.pop()
        if not self._open:
            canvas.addLiteral("EMC")

    def begin_artifact(
        self, canvas: Any, kind: str | None = None, subtype: str | None = None
    ) -> bool:
        """Open an artifact unless inside tagged content; returns whether one was opened."""
        self._sync(canvas)
        if self._open:
            return False
        props = ""
        if kind:
            props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        canvas.addLiteral(f"/Artifact <<{props}>> BDC" if props else "/Artifact BMC")
        return True

    def end_artifact(self, canvas: Any) -> None:
        canvas.addLiteral("EMC")


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


def mark_untagged_as_artifacts(pdf: Pdf) -> int:
    """Wrap every painting run outside marked content in /Artifact BMC…EMC; returns how many."""
    wrapped = 0
    for page in pdf.pages:
        out: list[Any] = []
        run: list[tuple[str, list[Any]]] = []
        before = wrapped
        for kind, unit in _units(list(pikepdf.parse_content_stream(page.obj))):
            if kind in ("marked", "qQ"):
                wrapped += _emit_run(run, out)
                run = []
                out.extend(unit)
            else:
                run.append((kind, unit))
        wrapped += _emit_run(run, out)
        if wrapped != before:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    return wrapped


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

    def build(node: StructNode, parent: Dictionary) -> Dictionary:
        elem = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent)
        )
        refs = [k for k in node.kids if isinstance(k, MarkedRef)]
        home = refs[0].page if refs else None
        if home is not None:
            elem.Pg = pages[home - 1].obj
        kids = Array()
        for k in node.kids:
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
                attrs[f"/{key}"] = Name("/" + value)
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
