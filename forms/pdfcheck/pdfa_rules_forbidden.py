"""PDF/A-2 rules on forbidden features: transparency, actions and JavaScript, annotations."""

from __future__ import annotations

from decimal import Decimal

from pikepdf import Array, Name, Stream

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import (
    _is_dict,
    _name,
    _objref,
    _pages,
    _walk_all,
)


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
