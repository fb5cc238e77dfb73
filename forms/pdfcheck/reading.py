"""Reading a PDF for the rules: objects, content streams, the structure tree (XMP: `xmp`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream

from forms.pdfcheck.core import _Context

# --------------------------------------------------------------------------------------------
# Helpers


def _objref(obj: Any) -> str:
    try:
        num, gen = obj.objgen  # type: ignore[attr-defined]
    except Exception:
        return "(direktes Objekt)"
    return f"Objekt {num} {gen} R" if num else "(direktes Objekt)"


def _name(obj: Any) -> str:
    return str(obj)[1:] if isinstance(obj, Name) else str(obj)


def _is_dict(obj: Any) -> bool:
    return isinstance(obj, Dictionary | Stream)


def _walk_all(pdf: Pdf) -> Iterator[tuple[Any, Any]]:
    """Every dictionary/stream in the file: (owning indirect object, dictionary).

    Direct containers inside indirect objects are visited too (actions are often direct);
    indirect references are not followed because every indirect object is visited anyway.
    """
    for obj in pdf.objects:
        stack = [obj]
        while stack:
            cur = stack.pop()
            if isinstance(cur, Dictionary | Stream):
                yield obj, cur
                for key in cur.keys():  # noqa: SIM118 (pikepdf Dictionary)
                    val = cur.get(key)
                    if isinstance(val, Dictionary | Array) and not val.is_indirect:
                        stack.append(val)
            elif isinstance(cur, Array):
                for val in cur:
                    if isinstance(val, Dictionary | Array) and not val.is_indirect:
                        stack.append(val)


def _xobjects(resources: Any) -> Iterator[tuple[str, Any]]:
    if not _is_dict(resources):
        return
    xobjs = resources.get("/XObject")  # type: ignore[union-attr]
    if not _is_dict(xobjs):
        return
    for key in xobjs.keys():  # noqa: SIM118 (pikepdf Dictionary)
        x = xobjs.get(key)
        if isinstance(x, Stream):
            yield key, x


def _pages(ctx: _Context) -> list[Any]:
    return list(ctx.pdf.pages)


PAINT_OPERATORS = frozenset(
    {
        "Tj",
        "TJ",
        "'",
        '"',
        "S",
        "s",
        "f",
        "F",
        "f*",
        "B",
        "B*",
        "b",
        "b*",
        "sh",
        "Do",
        "INLINE IMAGE",
    }
)
TEXT_SHOW = frozenset({"Tj", "TJ", "'", '"'})


@dataclass(frozen=True)
class _Op:
    page: int  # 1-based
    where: str  # "Seite 3" or "Seite 3, XObject /Fm1"
    operator: str
    tagged_mcid: int | None  # innermost MCID of an enclosing marked-content sequence
    artifact: bool
    in_marked: bool  # inside any marked-content sequence at all
    operands: tuple[Any, ...]


def _scan_stream(
    contents: Any,
    resources: Any,
    page: int,
    where: str,
    inherited_mcid: int | None,
    inherited_artifact: bool,
    out: list[_Op],
    errors: list[str],
    seen_forms: set[tuple[int, int]],
) -> None:
    try:
        instructions = pikepdf.parse_content_stream(contents)  # type: ignore[arg-type]
    except pikepdf.PdfError as exc:
        errors.append(f"{where}: Inhaltsstrom nicht lesbar ({exc})")
        return
    # stack of (mcid or None, is_artifact)
    stack: list[tuple[int | None, bool]] = []
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            op, operands = "INLINE IMAGE", ()
        else:
            op, operands = str(ins.operator), tuple[Any, ...](ins.operands)
        if op in ("BMC", "BDC"):
            tag = _name(operands[0]) if operands else ""
            mcid = None
            if op == "BDC" and len(operands) > 1 and _is_dict(operands[1]):
                props = operands[1]
                if "/MCID" in props:  # type: ignore[operator]
                    mcid = int(props["/MCID"])  # type: ignore[index]
            outer = [m for m, _ in stack if m is not None]
            out.append(
                _Op(
                    page,
                    where,
                    op,
                    outer[-1] if outer else inherited_mcid,
                    any(a for _, a in stack) or inherited_artifact,
                    bool(stack) or inherited_mcid is not None or inherited_artifact,
                    operands,
                )
            )
            stack.append((mcid, tag == "Artifact"))
            continue
        if op == "EMC":
            if stack:
                stack.pop()
            else:
                errors.append(f"{where}: EMC ohne öffnendes BMC/BDC")
            continue
        mcids = [m for m, _ in stack if m is not None]
        mcid = mcids[-1] if mcids else inherited_mcid
        artifact = any(a for _, a in stack) or inherited_artifact
        in_marked = bool(stack) or inherited_mcid is not None or inherited_artifact
        if op in PAINT_OPERATORS:
            out.append(_Op(page, where, op, mcid, artifact, in_marked, operands))
        if op == "Do" and operands:
            # Content of a form XObject counts as part of the sequence its Do is in.
            for key, xobj in _xobjects(resources):
                if key == str(operands[0]) and xobj.get("/Subtype") == Name.Form:
                    og = xobj.objgen
                    if og in seen_forms:
                        continue
                    seen_forms.add(og)
                    _scan_stream(
                        xobj,
                        xobj.get("/Resources", resources),
                        page,
                        f"{where}, XObject {key}",
                        mcid,
                        artifact,
                        out,
                        errors,
                        seen_forms,
                    )
                    seen_forms.discard(og)
    if stack:
        errors.append(f"{where}: {len(stack)} BMC/BDC ohne schließendes EMC")


def _content_ops(ctx: _Context) -> tuple[list[_Op], list[str]]:
    def make() -> tuple[list[_Op], list[str]]:
        ops: list[_Op] = []
        errors: list[str] = []
        for i, page in enumerate(_pages(ctx), start=1):
            _scan_stream(
                page.obj,
                page.obj.get("/Resources"),
                i,
                f"Seite {i}",
                None,
                False,
                ops,
                errors,
                set(),
            )
        return ops, errors

    return ctx.cached("ops", make)  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# Structure tree


@dataclass
class _Elem:
    obj: Any
    role: str  # after RoleMap
    raw_role: str
    parent: _Elem | None
    kids: list[_Elem] = field(default_factory=list)
    mcrs: list[tuple[int | None, int]] = field(default_factory=list)  # (page index 1-based, mcid)


def _role_map(ctx: _Context) -> dict[str, str]:
    root = ctx.pdf.Root.get("/StructTreeRoot")
    rm = root.get("/RoleMap") if _is_dict(root) else None
    if not _is_dict(rm):
        return {}
    return {_name(k): _name(rm[k]) for k in rm.keys()}  # type: ignore[index, union-attr]  # noqa: SIM118


STANDARD_TYPES = frozenset(
    " ".join(
        [
            "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private",
            "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot",
            "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP",
            "Figure Formula Form",
        ]
    ).split()
)


def _resolve_role(role: str, role_map: dict[str, str]) -> str:
    seen = set()
    while role not in STANDARD_TYPES and role in role_map and role not in seen:
        seen.add(role)
        role = role_map[role]
    return role


def _struct_tree(ctx: _Context) -> tuple[list[_Elem], list[str]]:
    """Elements in document (depth-first) order, and problems met while reading the tree."""

    def make() -> tuple[list[_Elem], list[str]]:
        root = ctx.pdf.Root.get("/StructTreeRoot")
        if not _is_dict(root):
            return [], []
        page_index = {p.objgen: i for i, p in enumerate(_pages(ctx), start=1)}
        role_map = _role_map(ctx)
        elems: list[_Elem] = []
        problems: list[str] = []
        visited: set[tuple[int, int]] = set()

        def visit(obj: Any, parent: _Elem | None, pg: int | None) -> None:
            if isinstance(obj, int) and not isinstance(obj, bool):
                if parent is None:
                    problems.append("MCID direkt unter StructTreeRoot")
                else:
                    parent.mcrs.append((pg, int(obj)))
                return
            if isinstance(obj, Array):
                for k in obj:
                    visit(k, parent, pg)
                return
            if not _is_dict(obj):
                return
            typ = obj.get("/Type")
            if typ == Name.MCR:
                mpg = obj.get("/Pg")
                p = page_index.get(mpg.objgen) if _is_dict(mpg) else pg
                if parent is not None:
                    parent.mcrs.append((p, int(obj.get("/MCID", -1))))
                return
            if typ == Name.OBJR:
                return
            if obj.is_indirect:
                if obj.objgen in visited:
                    problems.append(f"Strukturelement mehrfach im Baum ({_objref(obj)})")
                    return
                visited.add(obj.objgen)
            if "/S" not in obj:
                problems.append(f"Strukturelement ohne /S ({_objref(obj)})")
                return
            raw_role = _name(obj["/S"])
            elem = _Elem(obj, _resolve_role(raw_role, role_map), raw_role, parent)  # type: ignore[arg-type]
            if parent is not None:
                parent.kids.append(elem)
            elems.append(elem)
            epg = obj.get("/Pg")
            mypg = page_index.get(epg.objgen) if _is_dict(epg) else pg
            if "/K" in obj:
                visit(obj["/K"], elem, mypg)

        visit(root.get("/K"), None, None)
        return elems, problems

    return ctx.cached("tree", make)  # type: ignore[return-value]


def _number_tree(node: Any, out: dict[int, Any], depth: int = 0) -> None:
    if not _is_dict(node) or depth > 32:
        return
    nums = node.get("/Nums")  # type: ignore[union-attr]
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    kids = node.get("/Kids")  # type: ignore[union-attr]
    if isinstance(kids, Array):
        for kid in kids:
            _number_tree(kid, out, depth + 1)
