"""PDF/A-2 rules on file structure and colour.

The other PDF/A-2 rules are in `pdfa_rules_fonts` and `pdfa_rules_forbidden`; rules register
in import order, which is the order of the report, so the three names sort as they are read.
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Name, Stream

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import (
    _is_dict,
    _name,
    _objref,
    _pages,
    _xobjects,
)

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
