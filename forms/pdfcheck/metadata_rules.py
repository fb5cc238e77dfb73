"""Metadata rules: XMP identification (PDF/A, PDF/UA), title, Info/XMP equality."""

from __future__ import annotations

from pikepdf import Name

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import _is_dict
from forms.pdfcheck.xmp import NS, _parse_pdf_date, _parse_xmp_date, _xmp

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
        return [
            "pdfuaid wird verwendet, ist aber nicht als PDF/A-Erweiterungsschema beschrieben "
            "(in einer eigenen rdf:Description mit pdfaExtension:schemas als erstem Element)."
        ]
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
