"""Tagged-PDF rules (PDF/UA-1): marking, language, structure tree, content, tags."""

from __future__ import annotations

import itertools
import re
from typing import Any

from pikepdf import Array, Name

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import (
    STANDARD_TYPES,
    _content_ops,
    _Elem,
    _is_dict,
    _name,
    _number_tree,
    _objref,
    _pages,
    _role_map,
    _struct_tree,
)

# --------------------------------------------------------------------------------------------
# Rules: tagged PDF (PDF/UA)


@_rule(
    "mark-info", "Als getaggtes PDF gekennzeichnet (/MarkInfo)", "PDF/UA-1 §7.1; Matterhorn 01-007"
)
def _mark_info(ctx: _Context) -> list[str]:
    mi = ctx.pdf.Root.get("/MarkInfo")
    if not _is_dict(mi) or mi.get("/Marked") is not True:
        return ["Der Katalog hat nicht /MarkInfo << /Marked true >>."]
    if mi.get("/Suspects") is True:
        return ["/MarkInfo /Suspects ist true: die Tags gelten als unzuverlässig."]
    return []


_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@_rule("lang", "Dokumentsprache (/Lang)", "PDF/UA-1 §7.2; Matterhorn 11-001…11-006")
def _lang(ctx: _Context) -> list[str]:
    lang = ctx.pdf.Root.get("/Lang")
    if lang is None or not str(lang).strip():
        return ["Der Katalog hat keine Dokumentsprache /Lang (z. B. de-DE)."]
    if not _LANG.match(str(lang)):
        return [f"/Lang „{lang}“ ist kein Sprachcode nach BCP 47."]
    fails = []
    elems, _ = _struct_tree(ctx)
    for e in elems:
        if "/Lang" in e.obj and not _LANG.match(str(e.obj["/Lang"])):
            fails.append(f"Strukturelement {e.raw_role} hat ungültige /Lang „{e.obj['/Lang']}“.")
    return fails


@_rule("struct-tree", "Strukturbaum und ParentTree stimmig", "PDF/UA-1 §7.1; ISO 32000-1 §14.7.4")
def _struct_tree_rule(ctx: _Context) -> list[str]:
    root = ctx.pdf.Root.get("/StructTreeRoot")
    if not _is_dict(root):
        return ["Der Katalog hat keinen /StructTreeRoot: das PDF ist nicht getaggt."]
    fails = []
    elems, problems = _struct_tree(ctx)
    fails += problems
    if not elems:
        fails.append("Der Strukturbaum ist leer.")
    parent_tree: dict[int, Any] = {}
    if _is_dict(root.get("/ParentTree")):
        _number_tree(root["/ParentTree"], parent_tree)
    else:
        fails.append("/StructTreeRoot hat keinen /ParentTree.")
    # MCIDs referenced from the tree, per page
    tree_mcids: dict[tuple[int | None, int], _Elem] = {}
    for e in elems:
        for pg, mcid in e.mcrs:
            if pg is None:
                fails.append(f"MCID {mcid} in {e.raw_role} ohne Seitenbezug (/Pg).")
                continue
            if (pg, mcid) in tree_mcids:
                fails.append(f"Seite {pg}, MCID {mcid} gehört zu mehreren Strukturelementen.")
            tree_mcids[(pg, mcid)] = e
    ops, _ = _content_ops(ctx)
    content_mcids: set[tuple[int, int]] = set()
    for op in ops:
        if op.operator == "BDC" and len(op.operands) > 1 and _is_dict(op.operands[1]):
            mcid = op.operands[1].get("/MCID")
            if mcid is not None and "XObject" not in op.where:
                content_mcids.add((op.page, int(mcid)))
    for i, page in enumerate(_pages(ctx), start=1):
        page_mcids = sorted(m for p, m in content_mcids if p == i)
        if not page_mcids:
            continue
        sp = page.obj.get("/StructParents")
        if sp is None:
            fails.append(f"Seite {i} hat markierte Inhalte, aber kein /StructParents.")
            continue
        arr = parent_tree.get(int(sp))
        if not isinstance(arr, Array):
            fails.append(f"ParentTree hat keinen Eintrag {int(sp)} für Seite {i}.")
            continue
        for mcid in page_mcids:
            owner = tree_mcids.get((i, mcid))
            if owner is None:
                fails.append(f"Seite {i}, MCID {mcid}: kein Strukturelement verweist darauf.")
                continue
            target = arr[mcid] if mcid < len(arr) else None
            if not _is_dict(target) or target.objgen != owner.obj.objgen:  # type: ignore[union-attr]
                fails.append(
                    f"Seite {i}, MCID {mcid}: ParentTree zeigt nicht auf {owner.raw_role}."
                )
    for (pg, mcid), e in tree_mcids.items():
        if (pg, mcid) not in content_mcids:
            fails.append(f"{e.raw_role} verweist auf Seite {pg}, MCID {mcid}, die im Inhalt fehlt.")
    return fails


@_rule(
    "content-tagged",
    "Jeder Inhalt getaggt oder Artefakt",
    "PDF/UA-1 §7.1; Matterhorn 01-003, 01-004, 01-005",
)
def _content_tagged(ctx: _Context) -> list[str]:
    ops, errors = _content_ops(ctx)
    fails = list(errors)
    untagged: dict[str, int] = {}
    for op in ops:
        if op.operator in ("BDC", "BMC"):
            # nesting: tagged content inside an artifact or vice versa
            is_art = (
                op.operator in ("BDC", "BMC")
                and op.operands
                and _name(op.operands[0]) == "Artifact"
            )
            has_mcid = (
                op.operator == "BDC"
                and len(op.operands) > 1
                and _is_dict(op.operands[1])
                and "/MCID" in op.operands[1]
            )
            if is_art and op.tagged_mcid is not None:
                fails.append(
                    f"{op.where}: Artefakt innerhalb getaggten Inhalts (MCID {op.tagged_mcid})."
                )
            if has_mcid and op.artifact:
                fails.append(f"{op.where}: getaggter Inhalt innerhalb eines Artefakts.")
            continue
        if op.tagged_mcid is None and not op.artifact:
            untagged[op.where] = untagged.get(op.where, 0) + 1
            if untagged[op.where] == 1:
                fails.append(f"{op.where}: Operator {op.operator} weder getaggt noch Artefakt.")
    for where, n in untagged.items():
        if n > 1:
            fails.append(f"{where}: insgesamt {n} ungetaggte Zeichen-/Maloperatoren.")
    return fails


@_rule(
    "standard-roles",
    "Nur Standard-Strukturtypen (oder RoleMap)",
    "PDF/UA-1 §7.1; Matterhorn 02-001, 02-004",
)
def _standard_roles(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    role_map = _role_map(ctx)
    fails = [
        f"Strukturtyp /{e.raw_role} ist kein Standardtyp und nicht per RoleMap abgebildet."
        for e in elems
        if e.role not in STANDARD_TYPES
    ]
    fails += [
        f"Standardtyp /{k} wird per RoleMap umgedeutet." for k in role_map if k in STANDARD_TYPES
    ]
    return sorted(set(fails))


@_rule("headings", "Überschriftenebenen ohne Sprung", "PDF/UA-1 §7.4.2; Matterhorn 14-002, 14-003")
def _headings(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    levels = [int(e.role[1]) for e in elems if re.fullmatch(r"H[1-6]", e.role)]
    fails = []
    if levels and levels[0] != 1:
        fails.append(f"Die erste nummerierte Überschrift ist H{levels[0]}, nicht H1.")
    for prev, cur in itertools.pairwise(levels):
        if cur > prev + 1:
            fails.append(f"Überschriftenebene springt von H{prev} auf H{cur}.")
    if levels and any(e.role == "H" for e in elems):
        fails.append("Nummerierte (Hn) und unnummerierte (H) Überschriften gemischt.")
    return fails


_TABLE_KIDS = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
}
_PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
}


@_rule(
    "structure-nesting",
    "Tabellen und Listen richtig verschachtelt",
    "ISO 32000-1 Tab. 336/337; Matterhorn 09-004, 09-005",
)
def _nesting(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    fails = []
    for e in elems:
        allowed = _TABLE_KIDS.get(e.role)
        if allowed is not None:
            for k in e.kids:
                if k.role not in allowed:
                    fails.append(f"/{k.raw_role} darf nicht direkt in /{e.raw_role} stehen.")
            if e.mcrs and e.role != "LI":
                fails.append(f"/{e.raw_role} enthält Inhalt direkt statt in Unterelementen.")
        parents = _PARENTS.get(e.role)
        if parents is not None and (e.parent is None or e.parent.role not in parents):
            where = e.parent.raw_role if e.parent else "StructTreeRoot"
            fails.append(f"/{e.raw_role} steht in /{where} statt in {'/'.join(sorted(parents))}.")
    return sorted(set(fails), key=fails.index)


def _attr(e: _Elem, key: str) -> Any | None:
    attrs = e.obj.get("/A")
    items = list(attrs) if isinstance(attrs, Array) else [attrs]
    for a in items:
        if _is_dict(a) and key in a:
            return a[key]
    return None


@_rule("tables", "Tabellen haben Kopfzellen mit Scope", "PDF/UA-1 §7.5; Matterhorn 15-003")
def _tables(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    fails = []
    for n, table in enumerate((e for e in elems if e.role == "Table"), start=1):
        cells: list[_Elem] = []
        stack = list(table.kids)
        while stack:
            k = stack.pop()
            if k.role in ("TH", "TD"):
                cells.append(k)
            elif k.role != "Table":
                stack.extend(k.kids)
        ths = [c for c in cells if c.role == "TH"]
        if not ths:
            fails.append(f"Tabelle {n} hat keine Kopfzelle (TH).")
            continue
        uses_headers = any(_attr(c, "/Headers") is not None for c in cells if c.role == "TD")
        if not uses_headers:
            for th in ths:
                scope = _attr(th, "/Scope")
                if scope not in (Name.Row, Name.Column, Name.Both):
                    fails.append(f"Tabelle {n}: Kopfzelle ohne /Scope (Row/Column/Both).")
                    break
    return fails


@_rule("figures-alt", "Abbildungen mit Alternativtext", "PDF/UA-1 §7.3; Matterhorn 13-004")
def _figures(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    return [
        f"/{e.raw_role} ohne /Alt oder /ActualText ({_objref(e.obj)})."
        for e in elems
        if e.role in ("Figure", "Formula")
        and not str(e.obj.get("/Alt", "")).strip()
        and not str(e.obj.get("/ActualText", "")).strip()
    ]


@_rule("outline", "Lesezeichen für die Abschnitte", "PDF/UA-1 §7.4.2 (empfohlen); Projektvorgabe")
def _outline(ctx: _Context) -> list[str]:
    elems, _ = _struct_tree(ctx)
    headings = [e for e in elems if re.fullmatch(r"H[1-6]", e.role)]
    outlines = ctx.pdf.Root.get("/Outlines")
    count = 0
    if _is_dict(outlines):
        stack = [outlines.get("/First")]
        while stack:
            item = stack.pop()
            if _is_dict(item) and count < 100_000:
                count += 1
                stack.append(item.get("/Next"))
                stack.append(item.get("/First"))
    if headings and count == 0:
        return [
            f"Das Dokument hat {len(headings)} Überschriften, aber keine Lesezeichen (/Outlines)."
        ]
    return []
