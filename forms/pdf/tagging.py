"""Tagged PDF for reportlab: marked content while drawing, structure tree afterwards.

reportlab writes no structure of its own. While the document is drawn, each tagged flowable
is wrapped in `/Role <</MCID n>> BDC … EMC` and each decoration (rules, grid lines, cell
backgrounds, header, footer, ENTWURF) in `/Artifact … EMC` (see `forms.pdf.flowtags`); the
recorder notes which structure element owns which (page, MCID). After the build,
`write_structure_tree` appends the StructTreeRoot with its ParentTree (forms.pdf.increment).
Nothing is marked as artifact after the fact: content the tagger does not know stays
untagged, and `forms.pdfcheck` (rule content-tagged) reports it.

The structure elements are created in the logical order of the Vorlage, before anything is
drawn, so the tree keeps that order even when a paragraph or a table is split across pages:
every part of a split flowable adds its MCIDs to the same element.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from forms.pdf.increment import Name as PdfName
from forms.pdf.increment import Ref, Update, serialise

_MCR = PdfName("MCR")


def _role_name(role: str) -> bytes:
    return serialise(PdfName(role))


def _kid(kid: Any) -> bytes:
    if isinstance(kid, int):
        return b"%d" % kid
    if isinstance(kid, Ref):
        return b"%d 0 R" % kid.num
    return serialise(kid)


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
        """This node and all below it, in document order (iterative: trees get deep and big)."""
        stack: list[StructNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(k for k in reversed(node.kids) if isinstance(k, StructNode))

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

    def begin_label(self, canvas: Any, label: StructNode, body: StructNode) -> int | None:
        """Like `begin(label)`; returns the position in the page's code where the label starts,
        for `split_label` once the flowable is drawn (None when nested: nothing to split)."""
        self._sync(canvas)
        if self._open:
            self._open.append(self._open[-1])
            return None
        _, mcid = self._mcid(canvas, label)
        self._open.append(label)
        canvas.addLiteral(f"/{label.tag} <</MCID {mcid}>> BDC")
        return len(canvas._code)

    def split_label(self, canvas: Any, start: int, body: StructNode) -> None:
        """End the label after the first text object drawn since `start` (the bullet: reportlab
        draws it as a text object of its own before the paragraph) and open the body there."""
        code = canvas._code
        for index in range(start, len(code)):
            if code[index].rstrip().endswith("ET"):
                _, mcid = self._mcid(canvas, body)
                self._open[-1] = body
                code.insert(index + 1, f"EMC /{body.tag} <</MCID {mcid}>> BDC")
                return

    def begin_artifact(self, canvas: Any, kind: str | None = None) -> None:
        """Open an artifact (``kind``: Pagination, Layout, …) unless already in marked content."""
        self._sync(canvas)
        if self._open:
            self._open.append(self._open[-1])
            return
        self._open.append(None)
        canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC" if kind else "/Artifact BMC")

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
# After the build: the structure tree


def first_page(node: StructNode) -> int | None:
    for k in node.kids:
        page = k.page if isinstance(k, MarkedRef) else first_page(k)
        if page is not None:
            return page
    return None


def _prune(node: StructNode) -> bool:
    """Drop elements without content (bottom-up, once); returns whether `node` has any."""
    kept: list[StructNode | MarkedRef] = []
    content = False
    for k in node.kids:
        if isinstance(k, MarkedRef) or _prune(k):
            kept.append(k)
            content = True
        elif k.keep_empty:
            kept.append(k)
    node.kids = kept
    return content


def write_structure_tree(
    update: Update, root: StructNode, *, lang: str | None = None
) -> dict[int, int]:
    """Add StructTreeRoot, elements and ParentTree to `update`; set /StructTreeRoot in the
    catalog entries later. Returns {page number: StructParents key} for the page objects."""
    _prune(root)
    page_refs = update.page_refs
    owners: dict[int, dict[int, Ref]] = {}  # page → MCID → owning element (the ParentTree)

    def flat(kids: list[StructNode | MarkedRef], out: list[StructNode | MarkedRef]) -> None:
        for k in kids:
            if isinstance(k, StructNode) and not k.role:
                flat(k.kids, out)
            else:
                out.append(k)

    def build(node: StructNode, parent: Ref) -> Ref:
        ref = update.new()
        kids_in_order: list[StructNode | MarkedRef] = []
        flat(node.kids, kids_in_order)
        home = next((k.page for k in kids_in_order if isinstance(k, MarkedRef)), None)
        kids: list[Any] = []
        for k in kids_in_order:
            if isinstance(k, StructNode):
                kids.append(build(k, ref))
                continue
            owners.setdefault(k.page, {})[k.mcid] = ref
            if k.page == home:
                kids.append(k.mcid)
            else:
                kids.append({"Type": _MCR, "Pg": page_refs[k.page - 1], "MCID": k.mcid})
        # The hot path of a long Vorlage (~10 000 elements): formatted directly, the rare
        # extras (attributes, alternative text) through the general serialiser.
        parts = [b"<</Type/StructElem/S", _role_name(node.role), b"/P %d 0 R" % parent.num]
        if home is not None:
            parts.append(b"/Pg %d 0 R" % page_refs[home - 1].num)
        if kids:
            parts.append(b"/K[" + b" ".join(_kid(k) for k in kids) + b"]")
        if (
            node.attributes
            or node.alt
            or node.actual_text
            or node.title
            or node.lang
            or (node is root and lang)
        ):
            extras = {
                "A": {
                    key: PdfName(value) if isinstance(value, str) else value
                    for key, value in node.attributes.items()
                }
                or None,
                "Alt": node.alt or None,
                "ActualText": node.actual_text or None,
                "T": node.title or None,
                "Lang": node.lang or (lang if node is root else None),
            }
            parts.append(serialise(extras)[2:-2])
        parts.append(b">>")
        update.put_raw(ref, b"".join(parts))
        return ref

    tree_root = update.new()
    doc = build(root, tree_root)
    nums: list[Any] = []
    keys: dict[int, int] = {}
    for number in range(1, len(page_refs) + 1):
        by_mcid = owners.get(number)
        if not by_mcid:
            continue
        key = len(keys)
        keys[number] = key
        nums += [key, update.add([by_mcid.get(m) for m in range(max(by_mcid) + 1)])]
    parent_tree = update.add({"Nums": nums})
    update.put(
        tree_root,
        {
            "Type": PdfName("StructTreeRoot"),
            "K": [doc],
            "ParentTree": parent_tree,
            "ParentTreeNextKey": len(keys),
        },
    )
    update.struct_tree_root = tree_root
    return keys
