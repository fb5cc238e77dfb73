"""Checker for the machine-decidable rules of PDF/A-2b and PDF/UA-1 (no Qt, built on pikepdf).

No validator of standing (veraPDF) is available on the project's machines, so the rules are
written against ISO 19005-2 (PDF/A-2), ISO 14289-1 (PDF/UA-1) and the failure conditions of the
Matterhorn Protocol that a program can decide. Rules that need a human (is the alternative text
meaningful, is the reading order sensible, is the contrast sufficient) are not here; see
docs/accessibility.md.

`check(pdf_bytes_or_path)` returns one `RuleResult` per rule; each failure is a German sentence
followed by the technical detail (object, operator, page) a developer needs.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream

# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RuleResult:
    rule: str  # stable id, e.g. "fonts-embedded"
    title: str  # German, short
    reference: str  # ISO clause / Matterhorn checkpoint
    failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        status = "OK    " if self.passed else "FEHLER"
        head = f"{status}  {self.rule:<22} {self.title} ({self.reference})"
        return "\n".join([head, *(f"        - {f}" for f in self.failures)])


@dataclass
class _Context:
    # pikepdf objects are dynamically typed (a dictionary entry may be anything); the rules
    # check types at run time, so the PDF is handled as Any rather than with casts everywhere.
    pdf: Any
    raw: bytes
    _cache: dict[str, object] = field(default_factory=dict)

    def cached(self, key: str, make: Callable[[], object]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


@dataclass(frozen=True)
class _Rule:
    id: str
    title: str
    reference: str
    run: Callable[[_Context], list[str]]


_RULES: list[_Rule] = []


def _rule(
    id_: str, title: str, reference: str
) -> Callable[[Callable[[_Context], list[str]]], Callable[[_Context], list[str]]]:
    def register(fn: Callable[[_Context], list[str]]) -> Callable[[_Context], list[str]]:
        _RULES.append(_Rule(id_, title, reference, fn))
        return fn

    return register


def rule_ids() -> list[str]:
    return [r.id for r in _RULES]


def check(source: bytes | str | os.PathLike[str]) -> list[RuleResult]:
    """Run every rule. Raises `pikepdf.PdfError` only if the file cannot be parsed at all."""
    if isinstance(source, bytes):
        raw = source
    else:
        with open(source, "rb") as fh:
            raw = fh.read()
    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except pikepdf.PasswordError:
        return [
            RuleResult(
                "encryption",
                "Keine Verschlüsselung",
                "ISO 19005-2 §6.1.3",
                ("Die Datei ist mit einem Kennwort verschlüsselt und kann nicht geprüft werden.",),
            )
        ]
    ctx = _Context(pdf, raw)
    results = []
    for rule in _RULES:
        try:
            failures = rule.run(ctx)
        except Exception as exc:  # a malformed object must not hide the other rules
            failures = [f"Prüfung abgebrochen: {type(exc).__name__}: {exc}"]
        results.append(RuleResult(rule.id, rule.title, rule.reference, tuple(failures)))
    return results


def failed(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if not r.passed]


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


# --------------------------------------------------------------------------------------------
# XMP


NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def _xmp(ctx: _Context) -> tuple[dict[str, list[str]], str | None]:
    """XMP properties as {'prefix:name': [values]} and an error text if unreadable."""

    def make() -> tuple[dict[str, list[str]], str | None]:
        md = ctx.pdf.Root.get("/Metadata")
        if not isinstance(md, Stream):
            return {}, "kein /Metadata-Strom im Katalog"
        try:
            tree = ET.fromstring(md.read_bytes())
        except (ET.ParseError, pikepdf.PdfError) as exc:
            return {}, f"XMP nicht lesbar: {exc}"
        prefix = {v: k for k, v in NS.items()}
        props: dict[str, list[str]] = {}

        def key(tag: str) -> str | None:
            if not tag.startswith("{"):
                return None
            ns, _, local = tag[1:].partition("}")
            return f"{prefix[ns]}:{local}" if ns in prefix else f"{{{ns}}}{local}"

        for desc in tree.iter(f"{{{NS['rdf']}}}Description"):
            for attr, val in desc.attrib.items():
                if (k := key(attr)) and not k.startswith("rdf:"):
                    props.setdefault(k, []).append(val)
            for child in desc:
                k = key(child.tag)
                if k is None:
                    continue
                items = list(child.iter(f"{{{NS['rdf']}}}li"))
                if items:
                    props.setdefault(k, []).extend((li.text or "").strip() for li in items)
                else:
                    props.setdefault(k, []).append((child.text or "").strip())
        ns_uris = [el.text or "" for el in tree.iter(f"{{{NS['pdfaSchema']}}}namespaceURI")]
        props["_extension_namespaces"] = ns_uris
        return props, None

    return ctx.cached("xmp", make)  # type: ignore[return-value]


_PDF_DATE = re.compile(
    r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?$"
)


def _parse_pdf_date(text: str) -> dt.datetime | None:
    m = _PDF_DATE.match(text.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    tz = None
    if sign in ("+", "-"):
        off = dt.timedelta(hours=int(th or 0), minutes=int(tm or 0))
        tz = dt.timezone(off if sign == "+" else -off)
    elif sign in ("Z", "z"):
        tz = dt.UTC
    return dt.datetime(
        int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz
    )


def _parse_xmp_date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Rules: file level (PDF/A)


@_rule("header", "Dateikopf PDF 1.x mit Binärkommentar", "ISO 19005-2 §6.1.2")
def _header(ctx: _Context) -> list[str]:
    m = re.match(rb"%PDF-1\.([0-7])\r?\n?", ctx.raw[:16])
    if not m:
        return [f"Die Datei beginnt nicht mit %PDF-1.0 … %PDF-1.7 (gefunden: {ctx.raw[:9]!r})."]
    rest = ctx.raw[m.end() : m.end() + 64]
    line = rest.split(b"\n")[0].split(b"\r")[0]
    if not line.startswith(b"%") or sum(b > 127 for b in line[1:5]) < 4:
        return ["Nach dem Dateikopf fehlt der Kommentar mit vier Bytes > 127 (Binärkennung)."]
    return []


@_rule("encryption", "Keine Verschlüsselung", "ISO 19005-2 §6.1.3; Matterhorn 26")
def _encryption(ctx: _Context) -> list[str]:
    if ctx.pdf.is_encrypted or "/Encrypt" in ctx.pdf.trailer:
        return ["Die Datei ist verschlüsselt (/Encrypt im Trailer); PDF/A verbietet das."]
    return []


@_rule("trailer-id", "Dateikennung /ID im Trailer", "ISO 19005-2 §6.1.3")
def _trailer_id(ctx: _Context) -> list[str]:
    ident = ctx.pdf.trailer.get("/ID")
    if not isinstance(ident, Array) or len(ident) != 2:
        return ["Im Trailer fehlt die Dateikennung /ID (Feld mit zwei Zeichenketten)."]
    if not all(isinstance(x, pikepdf.String) and len(bytes(x)) > 0 for x in ident):
        return ["Die Dateikennung /ID im Trailer enthält keine zwei nichtleeren Zeichenketten."]
    return []


@_rule("output-intent", "OutputIntent mit ICC-Profil", "ISO 19005-2 §6.2.3")
def _output_intent(ctx: _Context) -> list[str]:
    intents = ctx.pdf.Root.get("/OutputIntents")
    if not isinstance(intents, Array) or len(intents) == 0:
        return ["Der Katalog hat keine /OutputIntents; PDF/A verlangt einen mit ICC-Profil."]
    pdfa = [oi for oi in intents if _is_dict(oi) and oi.get("/S") == Name("/GTS_PDFA1")]
    if not pdfa:
        return ["Kein OutputIntent mit /S /GTS_PDFA1 vorhanden."]
    fails = []
    profiles = {
        oi["/DestOutputProfile"].objgen
        for oi in pdfa
        if isinstance(oi.get("/DestOutputProfile"), Stream)
    }
    if len(profiles) > 1:
        fails.append("Mehrere OutputIntents verweisen auf verschiedene ICC-Profile.")
    for oi in pdfa:
        prof = oi.get("/DestOutputProfile")
        if not isinstance(prof, Stream):
            fails.append(f"OutputIntent ohne /DestOutputProfile ({_objref(oi)}).")
            continue
        if "/OutputConditionIdentifier" not in oi:
            fails.append("OutputIntent ohne /OutputConditionIdentifier.")
        data = prof.read_bytes()
        if len(data) < 128 or data[36:40] != b"acsp":
            fails.append(
                f"/DestOutputProfile ist kein ICC-Profil (Signatur 'acsp' fehlt, {_objref(prof)})."
            )
            continue
        space = data[16:20]
        n_expected = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(space)
        if data[12:16] not in (b"prtr", b"mntr"):
            fails.append(f"ICC-Profilklasse {data[12:16]!r} ist nicht 'prtr' oder 'mntr'.")
        if n_expected is None:
            fails.append(f"ICC-Farbraum {space!r} ist nicht RGB, CMYK oder Grau.")
        elif int(prof.get("/N", n_expected)) != n_expected:
            fails.append(f"/N = {prof.get('/N')} passt nicht zum ICC-Farbraum {space!r}.")
        if data[8] > 4:
            fails.append(f"ICC-Profilversion {data[8]} ist neuer als PDF/A-2 erlaubt.")
    return fails


def _oi_space(ctx: _Context) -> bytes | None:
    intents = ctx.pdf.Root.get("/OutputIntents")
    if not isinstance(intents, Array):
        return None
    for oi in intents:
        prof = oi.get("/DestOutputProfile") if _is_dict(oi) else None
        if isinstance(prof, Stream):
            return prof.read_bytes()[16:20]
    return None


@_rule("device-colour", "Gerätefarben passen zum OutputIntent", "ISO 19005-2 §6.2.4.3")
def _device_colour(ctx: _Context) -> list[str]:
    space = _oi_space(ctx)
    allowed = {"DeviceGray"}
    if space == b"RGB ":
        allowed.add("DeviceRGB")
    elif space == b"CMYK":
        allowed.add("DeviceCMYK")
    used: dict[str, str] = {}
    op_space = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK"}
    for i, page in enumerate(_pages(ctx), start=1):
        streams = [(page.obj, f"Seite {i}")]
        streams += [
            (x, f"Seite {i}, XObject {k}") for k, x in _xobjects(page.obj.get("/Resources"))
        ]
        for stream, where in streams:
            if isinstance(stream, Stream) and stream.get("/Subtype") == Name.Image:
                cs = stream.get("/ColorSpace")
                if isinstance(cs, Name):
                    used.setdefault(_name(cs), where)
                continue
            if isinstance(stream, Stream) and stream.get("/Subtype") != Name.Form:
                continue
            for ins in pikepdf.parse_content_stream(stream):
                if isinstance(ins, pikepdf.ContentStreamInlineImage):
                    continue
                op = str(ins.operator)
                if op in op_space:
                    used.setdefault(op_space[op], f"{where}, Operator {op}")
                elif op in ("cs", "CS") and ins.operands and isinstance(ins.operands[0], Name):
                    used.setdefault(_name(ins.operands[0]), f"{where}, Operator {op}")
    return [
        f"Gerätefarbraum {cs} ohne passenden OutputIntent verwendet ({where})."
        for cs, where in used.items()
        if cs.startswith("Device") and cs not in allowed
    ]


def _fonts(ctx: _Context) -> list[tuple[str, Any]]:
    """Every font reachable from the pages (incl. form XObjects, Type 3 and annotation APs)."""
    found: dict[tuple[int, int], tuple[str, Any]] = {}
    direct: list[tuple[str, Any]] = []

    def from_resources(res: Any, where: str, depth: int = 0) -> None:
        if not _is_dict(res) or depth > 12:
            return
        fonts = res.get("/Font")  # type: ignore[union-attr]
        if _is_dict(fonts):
            for key in fonts.keys():  # noqa: SIM118 (pikepdf Dictionary)
                f = fonts.get(key)
                if not _is_dict(f):
                    continue
                label = f"{where}, Schrift {key} ({_name(f.get('/BaseFont', Name('/ohne_Namen')))})"
                if f.is_indirect:
                    found.setdefault(f.objgen, (label, f))
                else:
                    direct.append((label, f))
                if f.get("/Subtype") == Name.Type3:
                    from_resources(f.get("/Resources"), where, depth + 1)
        for key, x in _xobjects(res):
            if x.get("/Subtype") == Name.Form:
                from_resources(x.get("/Resources"), f"{where}, XObject {key}", depth + 1)

    for i, page in enumerate(_pages(ctx), start=1):
        from_resources(page.obj.get("/Resources"), f"Seite {i}")
        for annot in page.obj.get("/Annots", Array()):
            ap = annot.get("/AP") if _is_dict(annot) else None
            n = ap.get("/N") if _is_dict(ap) else None  # type: ignore[union-attr]
            if isinstance(n, Stream):
                from_resources(n.get("/Resources"), f"Seite {i}, Anmerkung")
    return list(found.values()) + direct


def _descriptor(font: Any) -> Any:
    if font.get("/Subtype") == Name.Type0:
        desc = font.get("/DescendantFonts")
        if isinstance(desc, Array) and len(desc) and _is_dict(desc[0]):
            fd = desc[0].get("/FontDescriptor")
            return fd if _is_dict(fd) else None
        return None
    fd = font.get("/FontDescriptor")
    return fd if _is_dict(fd) else None


@_rule(
    "fonts-embedded", "Alle Schriften eingebettet", "ISO 19005-2 §6.2.11.4.1; PDF/UA-1 §7.21.4.1"
)
def _fonts_embedded(ctx: _Context) -> list[str]:
    fails = []
    for label, font in _fonts(ctx):
        if font.get("/Subtype") == Name.Type3:
            continue  # glyphs are content streams inside the font: always "embedded"
        fd = _descriptor(font)
        if fd is None:
            fails.append(f"Schrift nicht eingebettet, kein /FontDescriptor: {label}.")
        elif not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            fails.append(f"Schrift nicht eingebettet, kein /FontFile*: {label}.")
    return fails


_STANDARD_ENCODINGS = {Name.WinAnsiEncoding, Name.MacRomanEncoding, Name("/StandardEncoding")}


@_rule(
    "fonts-tounicode",
    "Zeichen auf Unicode abbildbar (ToUnicode)",
    "ISO 19005-2 §6.2.11.7; PDF/UA-1 §7.21.7",
)
def _fonts_tounicode(ctx: _Context) -> list[str]:
    fails = []
    for label, font in _fonts(ctx):
        if "/ToUnicode" in font:
            tu = font["/ToUnicode"]
            if not isinstance(tu, Stream) and tu != Name.Identity_H:
                fails.append(f"/ToUnicode ist kein CMap-Strom: {label}.")
            continue
        subtype = font.get("/Subtype")
        if subtype in (Name.Type1, Name.TrueType, Name("/MMType1")):
            fd = _descriptor(font)
            symbolic = bool(int(fd.get("/Flags", 0)) & 4) if fd is not None else True
            enc = font.get("/Encoding")
            base = enc.get("/BaseEncoding") if _is_dict(enc) else enc
            if not symbolic and base in _STANDARD_ENCODINGS:
                continue  # standard-encoded simple font: the glyph names give Unicode
        fails.append(f"Schrift ohne /ToUnicode, Zeichen nicht auf Unicode abbildbar: {label}.")
    return fails


@_rule("transparency", "Keine Transparenz", "ISO 19005-2 §6.2.10 (Projektvorgabe: gar keine)")
def _transparency(ctx: _Context) -> list[str]:
    fails = []
    for owner, d in _walk_all(ctx.pdf):
        where = _objref(owner)
        if d.get("/S") == Name.Transparency:
            fails.append(f"Transparenzgruppe (/Group /S /Transparency) in {where}.")
        smask = d.get("/SMask")
        if smask is not None and smask != Name("/None"):
            fails.append(f"Weiche Maske (/SMask) in {where}.")
        for key in ("/CA", "/ca"):
            val = d.get(key)
            if isinstance(val, int | float | Decimal) and float(val) < 1:
                fails.append(f"Deckkraft {key} = {val} < 1 in {where}.")
        bm = d.get("/BM")
        if isinstance(bm, Name) and bm not in (Name.Normal, Name("/Compatible")):
            fails.append(f"Füllmethode /BM {_name(bm)} in {where}.")
    return fails


_FORBIDDEN_ACTIONS = {
    "Launch", "Sound", "Movie", "ResetForm", "ImportData", "JavaScript", "Hide",
    "SetOCGState", "Rendition", "Trans", "GoTo3DView",
}  # fmt: skip
_ALLOWED_NAMED = {"NextPage", "PrevPage", "FirstPage", "LastPage"}
_FORBIDDEN_ANNOTS = {"Sound", "Movie", "Screen", "3D", "RichMedia", "FileAttachment", "TrapNet"}


@_rule(
    "forbidden-features",
    "Keine verbotenen Funktionen (JavaScript, Aktionen, …)",
    "ISO 19005-2 §6.1.7, 6.2.5, 6.2.9, 6.3, 6.4, 6.5, 6.8",
)
def _forbidden(ctx: _Context) -> list[str]:
    fails = []
    root = ctx.pdf.Root
    if "/AA" in root:
        fails.append("Der Katalog hat zusätzliche Aktionen (/AA).")
    names = root.get("/Names")
    if _is_dict(names):
        if "/JavaScript" in names:
            fails.append("Der Katalog enthält JavaScript (/Names /JavaScript).")
        if "/EmbeddedFiles" in names:
            fails.append("Die Datei enthält eingebettete Dateien (/Names /EmbeddedFiles).")
    acro = root.get("/AcroForm")
    if _is_dict(acro):
        if "/XFA" in acro:
            fails.append("Das Formular enthält XFA (/AcroForm /XFA).")
        if acro.get("/NeedAppearances") is True:
            fails.append("/AcroForm /NeedAppearances ist true.")
    if "/NeedsRendering" in root:
        fails.append("Der Katalog hat /NeedsRendering.")
    for i, page in enumerate(_pages(ctx), start=1):
        if "/AA" in page.obj:
            fails.append(f"Seite {i} hat zusätzliche Aktionen (/AA).")
    for owner, d in _walk_all(ctx.pdf):
        where = _objref(owner)
        s = d.get("/S")
        if d.get("/Type") == Name.Action or ("/S" in d and ("/JS" in d or "/F" in d or "/N" in d)):
            action = _name(s) if isinstance(s, Name) else ""
            if action in _FORBIDDEN_ACTIONS:
                fails.append(f"Verbotene Aktion /S /{action} in {where}.")
            if action == "Named" and _name(d.get("/N", Name("/x"))) not in _ALLOWED_NAMED:
                fails.append(f"Verbotene benannte Aktion /N {_name(d.get('/N'))} in {where}.")
        if "/JS" in d:
            fails.append(f"JavaScript (/JS) in {where}.")
        if d.get("/Type") == Name.Annot or d.get("/Subtype") in {
            Name("/" + a) for a in _FORBIDDEN_ANNOTS
        }:
            sub = _name(d.get("/Subtype", Name("/x")))
            if sub in _FORBIDDEN_ANNOTS:
                fails.append(f"Verbotener Anmerkungstyp /{sub} in {where}.")
        if d.get("/Subtype") == Name("/PS") or (
            d.get("/Type") == Name.XObject and d.get("/Subtype") == Name("/PS")
        ):
            fails.append(f"PostScript-XObject in {where}.")
        if d.get("/Type") == Name.XObject or d.get("/Subtype") in (Name.Form, Name.Image):
            for key in ("/OPI", "/Ref", "/Alternates", "/PS"):
                if key in d:
                    fails.append(f"XObject mit verbotenem Eintrag {key} in {where}.")
            if d.get("/Interpolate") is True:
                fails.append(f"Bild mit /Interpolate true in {where}.")
        if d.get("/Type") == Name.ExtGState or "/TR" in d or "/TR2" in d:
            if "/TR" in d:
                fails.append(f"Transferfunktion /TR in {where}.")
            tr2 = d.get("/TR2")
            if tr2 is not None and tr2 != Name.Default:
                fails.append(f"Transferfunktion /TR2 in {where}.")
            if "/HTP" in d:
                fails.append(f"/HTP im Grafikzustand in {where}.")
        if isinstance(owner, Stream) and d is owner:
            filters = d.get("/Filter")
            flist = list(filters) if isinstance(filters, Array) else [filters]
            for flt in flist:
                if flt in (Name.LZWDecode, Name("/Crypt")):
                    fails.append(f"Verbotener Filter {_name(flt)} in {where}.")
    return fails


@_rule(
    "annotations",
    "Anmerkungen druckbar und zugänglich",
    "ISO 19005-2 §6.3.2/6.3.3; Matterhorn 28-002/28-004/28-008/28-009",
)
def _annotations(ctx: _Context) -> list[str]:
    fails = []
    for i, page in enumerate(_pages(ctx), start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array) or len(annots) == 0:
            continue
        if page.obj.get("/Tabs") != Name.S:
            fails.append(f"Seite {i} hat Anmerkungen, aber nicht /Tabs /S (Strukturreihenfolge).")
        for annot in annots:
            if not _is_dict(annot):
                continue
            sub = _name(annot.get("/Subtype", Name("/x")))
            if sub == "Popup":
                continue
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32):
                fails.append(
                    f"Seite {i}: Anmerkung /{sub} nicht druckbar oder versteckt (/F {flags})."
                )
            if sub != "Link" and "/AP" not in annot:
                fails.append(f"Seite {i}: Anmerkung /{sub} ohne Erscheinungsbild (/AP).")
            if sub != "PrinterMark" and "/StructParent" not in annot:
                fails.append(
                    f"Seite {i}: Anmerkung /{sub} ist nicht im Strukturbaum (/StructParent fehlt)."
                )
            if sub not in ("Widget",) and not str(annot.get("/Contents", "")).strip():
                fails.append(f"Seite {i}: Anmerkung /{sub} ohne Beschreibung (/Contents).")
    return fails


# --------------------------------------------------------------------------------------------
# Rules: metadata


@_rule(
    "xmp-metadata",
    "XMP-Metadaten vorhanden und unkomprimiert",
    "ISO 19005-2 §6.6.2.1; Matterhorn 06-001",
)
def _xmp_present(ctx: _Context) -> list[str]:
    _, err = _xmp(ctx)
    if err:
        return [f"XMP-Metadaten fehlen oder sind unlesbar: {err}."]
    md = ctx.pdf.Root["/Metadata"]
    fails = []
    if md.get("/Type") != Name.Metadata or md.get("/Subtype") != Name("/XML"):
        fails.append("Der Metadatenstrom hat nicht /Type /Metadata /Subtype /XML.")
    if "/Filter" in md:
        fails.append(
            "Der Metadatenstrom ist komprimiert (/Filter); Archivprogramme sollen ihn lesen können."
        )
    return fails


@_rule("xmp-pdfa-id", "PDF/A-Kennung im XMP (pdfaid:part 2)", "ISO 19005-2 §6.6.4")
def _xmp_pdfa(ctx: _Context) -> list[str]:
    props, err = _xmp(ctx)
    if err:
        return [f"Keine PDF/A-Kennung prüfbar: {err}."]
    part = props.get("pdfaid:part", [])
    conf = props.get("pdfaid:conformance", [])
    fails = []
    if part != ["2"]:
        fails.append(f"pdfaid:part ist {part or 'nicht gesetzt'}, erwartet 2.")
    if conf not in (["A"], ["B"], ["U"]):
        fails.append(f"pdfaid:conformance ist {conf or 'nicht gesetzt'}, erwartet A, B oder U.")
    return fails


@_rule(
    "xmp-pdfua-id", "PDF/UA-Kennung im XMP (pdfuaid:part 1)", "ISO 14289-1 §5; Matterhorn 06-002"
)
def _xmp_pdfua(ctx: _Context) -> list[str]:
    props, err = _xmp(ctx)
    if err:
        return [f"Keine PDF/UA-Kennung prüfbar: {err}."]
    if props.get("pdfuaid:part", []) != ["1"]:
        return [f"pdfuaid:part ist {props.get('pdfuaid:part') or 'nicht gesetzt'}, erwartet 1."]
    if NS["pdfuaid"] not in props.get("_extension_namespaces", []):
        # pdfuaid is not one of PDF/A's predefined schemas: PDF/A needs it declared.
        return ["pdfuaid wird verwendet, ist aber nicht als PDF/A-Erweiterungsschema beschrieben."]
    return []


@_rule(
    "title",
    "Dokumenttitel (dc:title) wird angezeigt",
    "PDF/UA-1 §7.1; Matterhorn 06-003, 07-001, 07-002",
)
def _title(ctx: _Context) -> list[str]:
    props, err = _xmp(ctx)
    fails = []
    if err or not any(v.strip() for v in props.get("dc:title", [])):
        fails.append("Im XMP fehlt ein nichtleerer Dokumenttitel (dc:title).")
    vp = ctx.pdf.Root.get("/ViewerPreferences")
    if not _is_dict(vp) or "/DisplayDocTitle" not in vp:
        fails.append("/ViewerPreferences /DisplayDocTitle fehlt im Katalog.")
    elif vp["/DisplayDocTitle"] is not True:
        fails.append("/ViewerPreferences /DisplayDocTitle ist nicht true.")
    return fails


_INFO_XMP = [
    ("/Title", "dc:title"),
    ("/Author", "dc:creator"),
    ("/Subject", "dc:description"),
    ("/Keywords", "pdf:Keywords"),
    ("/Creator", "xmp:CreatorTool"),
    ("/Producer", "pdf:Producer"),
    ("/CreationDate", "xmp:CreateDate"),
    ("/ModDate", "xmp:ModifyDate"),
]


@_rule(
    "info-matches-xmp",
    "Dokumentinfo stimmt mit XMP überein",
    "ISO 19005-2 §6.6.2.3.1 (Abgleich Info/XMP)",
)
def _info_xmp(ctx: _Context) -> list[str]:
    props, err = _xmp(ctx)
    if err:
        return [f"Kein Abgleich möglich: {err}."]
    info = ctx.pdf.trailer.get("/Info")
    if not _is_dict(info):
        return []
    fails = []
    for key, prop in _INFO_XMP:
        if key not in info:
            continue
        value = str(info[key])
        xmp_vals = props.get(prop)
        if not xmp_vals:
            fails.append(f"Info {key} = „{value}“, aber {prop} fehlt im XMP.")
            continue
        if key.endswith("Date"):
            a, b = _parse_pdf_date(value), _parse_xmp_date(xmp_vals[0])
            same = (
                a is not None
                and b is not None
                and (
                    a == b
                    if (a.tzinfo is None) == (b.tzinfo is None)
                    else a.replace(tzinfo=None) == b.replace(tzinfo=None)
                )
            )
        elif key == "/Author":
            same = ", ".join(xmp_vals) == value or (len(xmp_vals) == 1 and xmp_vals[0] == value)
        else:
            same = xmp_vals[0] == value
        if not same:
            fails.append(f"Info {key} = „{value}“ weicht von {prop} = „{xmp_vals[0]}“ ab.")
    return fails


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


# --------------------------------------------------------------------------------------------


def report(results: list[RuleResult]) -> str:
    bad = failed(results)
    lines = [str(r) for r in results]
    lines.append(
        f"{len(results) - len(bad)} von {len(results)} Regeln erfüllt"
        + ("." if not bad else f"; {len(bad)} verletzt: {', '.join(r.rule for r in bad)}.")
    )
    return "\n".join(lines)
