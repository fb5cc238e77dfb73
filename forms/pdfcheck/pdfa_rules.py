"""PDF/A-2 rules on file structure, colour, fonts and forbidden features."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Array, Name, Stream

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import (
    _is_dict,
    _name,
    _objref,
    _pages,
    _walk_all,
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


def _tables(program: bytes) -> dict[bytes, tuple[int, int]]:
    (count,) = struct.unpack(">H", program[4:6])
    out = {}
    for i in range(count):
        entry = program[12 + 16 * i : 28 + 16 * i]
        offset, length = struct.unpack(">II", entry[8:16])
        out[entry[:4]] = (offset, length)
    return out


def _cmap_subtables(program: bytes) -> dict[tuple[int, int], int] | None:
    """{(platform, encoding): offset of the subtable} of a TrueType program; None if unreadable."""
    try:
        offset, _ = _tables(program)[b"cmap"]
        (count,) = struct.unpack(">H", program[offset + 2 : offset + 4])
        out = {}
        for k in range(count):
            platform, encoding, sub = struct.unpack(
                ">HHI", program[offset + 4 + 8 * k : offset + 12 + 8 * k]
            )
            out[(platform, encoding)] = offset + sub
        return out
    except (struct.error, KeyError):
        return None


def _cmap_encodings(program: bytes) -> list[tuple[int, int]] | None:
    subtables = _cmap_subtables(program)
    return None if subtables is None else list(subtables)


def _glyph_lookup(program: bytes, at: int) -> Callable[[int], int] | None:
    """code → glyph id for cmap subtable formats 0, 4 and 6 (those simple fonts use)."""
    (fmt,) = struct.unpack(">H", program[at : at + 2])
    if fmt == 0:
        ids = program[at + 6 : at + 262]
        return lambda code: ids[code] if 0 <= code < 256 else 0
    if fmt == 6:
        first, count = struct.unpack(">HH", program[at + 6 : at + 10])
        ids6 = struct.unpack(f">{count}H", program[at + 10 : at + 10 + 2 * count])
        return lambda code: ids6[code - first] if first <= code < first + count else 0
    if fmt == 4:
        (seg2,) = struct.unpack(">H", program[at + 6 : at + 8])
        n = seg2 // 2
        ends = struct.unpack(f">{n}H", program[at + 14 : at + 14 + seg2])
        base = at + 16 + seg2
        starts = struct.unpack(f">{n}H", program[base : base + seg2])
        deltas = struct.unpack(f">{n}h", program[base + seg2 : base + 2 * seg2])
        range_at = base + 2 * seg2
        ranges = struct.unpack(f">{n}H", program[range_at : range_at + seg2])

        def lookup(code: int) -> int:
            for i in range(n):
                if starts[i] <= code <= ends[i]:
                    if ranges[i] == 0:
                        return (code + deltas[i]) & 0xFFFF
                    pos = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    (glyph,) = struct.unpack(">H", program[pos : pos + 2])
                    return (glyph + deltas[i]) & 0xFFFF if glyph else 0
            return 0

        return lookup
    return None


def _advance_widths(program: bytes) -> tuple[int, list[int]]:
    tables = _tables(program)
    head, _ = tables[b"head"]
    (units,) = struct.unpack(">H", program[head + 18 : head + 20])
    hhea, _ = tables[b"hhea"]
    (metrics,) = struct.unpack(">H", program[hhea + 34 : hhea + 36])
    hmtx, _ = tables[b"hmtx"]
    return units, [
        struct.unpack(">H", program[hmtx + 4 * i : hmtx + 4 * i + 2])[0] for i in range(metrics)
    ]


@_rule("font-widths", "Zeichenbreiten wie im Schriftprogramm", "ISO 19005-2 §6.2.11.5")
def _font_widths(ctx: _Context) -> list[str]:
    fails = []
    for label, font in _fonts(ctx):
        fd = _descriptor(font)
        if font.get("/Subtype") != Name.TrueType or fd is None or "/FontFile2" not in fd:
            continue  # simple TrueType only (what reportlab embeds); others: not checked
        program = fd["/FontFile2"].read_bytes()
        subtables = _cmap_subtables(program)
        try:
            units, advances = _advance_widths(program)
        except (struct.error, KeyError):
            fails.append(f"hmtx/head/hhea des Schriftprogramms nicht lesbar: {label}.")
            continue
        if not subtables:
            continue  # reported by fonts-truetype
        key, offset = next(iter(subtables.items()))
        lookup = _glyph_lookup(program, offset)
        if lookup is None:
            continue
        shift = 0xF000 if key == (3, 0) else 0
        first = int(font.get("/FirstChar", 0))
        widths = font.get("/Widths", Array())
        wrong = []
        for index, declared in enumerate(widths):
            code = first + index
            glyph = lookup(code + shift)
            if glyph == 0:
                continue  # code not used by this subset
            advance = advances[min(glyph, len(advances) - 1)] * 1000 / units
            if abs(float(declared) - advance) > 1:
                wrong.append(f"{code}: {float(declared):g} statt {advance:.0f}")
        if wrong:
            shown = ", ".join(wrong[:5])
            fails.append(f"/Widths weichen vom Schriftprogramm ab ({shown}): {label}.")
    return fails


_SHOW = frozenset({"Tj", "TJ", "'", '"'})


def _used_codes(ctx: _Context) -> list[tuple[str, Any, set[int]]]:
    """Per font used on the pages (simple fonts): the character codes its text shows."""

    def make() -> list[tuple[str, Any, set[int]]]:
        used: dict[tuple[int, int], tuple[str, Any, set[int]]] = {}
        for number, page in enumerate(_pages(ctx), start=1):
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            current: set[int] | None = None
            for ins in pikepdf.parse_content_stream(page.obj):
                if isinstance(ins, pikepdf.ContentStreamInlineImage):
                    continue
                op = str(ins.operator)
                if op == "Tf" and ins.operands:
                    name = str(ins.operands[0])
                    font = fonts.get(name)
                    current = None
                    if _is_dict(font) and font.get("/Subtype") != Name.Type0 and font.is_indirect:
                        label = f"Seite {number}, Schrift {name} ({_name(font.get('/BaseFont'))})"
                        current = used.setdefault(font.objgen, (label, font, set()))[2]
                elif op in _SHOW and current is not None and ins.operands:
                    items = ins.operands[-1]
                    for item in items if isinstance(items, Array) else [items]:
                        if isinstance(item, pikepdf.String):
                            current.update(bytes(item))
        return list(used.values())

    return ctx.cached("used-codes", make)  # type: ignore[return-value]


@_rule("notdef", "Kein Zeichen ohne Glyphe (.notdef)", "ISO 19005-2 §6.2.11.8")
def _notdef(ctx: _Context) -> list[str]:
    """Text shown with a simple TrueType font must not hit glyph 0 (.notdef) of its subset."""
    fails = []
    for label, font, codes in _used_codes(ctx):
        fd = _descriptor(font)
        if font.get("/Subtype") != Name.TrueType or fd is None or "/FontFile2" not in fd:
            continue
        program = fd["/FontFile2"].read_bytes()
        subtables = _cmap_subtables(program)
        if not subtables:
            continue  # reported by fonts-truetype
        which, offset = next(iter(subtables.items()))
        lookup = _glyph_lookup(program, offset)
        if lookup is None:
            continue
        shift = 0xF000 if which == (3, 0) else 0
        bad = sorted(c for c in codes if lookup(c + shift) == 0)
        if bad:
            shown = ", ".join(str(c) for c in bad[:8])
            fails.append(f"Zeichencodes ohne Glyphe (.notdef) {shown}: {label}.")
    return fails


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_RANGE_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")


def _to_unicode_map(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}

    def text(hexstr: bytes) -> str:
        return bytes.fromhex(hexstr.decode()).decode("utf-16-be", errors="replace")

    for block in _BFCHAR.findall(cmap):
        pairs = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block)
        for code, uni in pairs:
            out[int(code, 16)] = text(uni)
    for block in _BFRANGE.findall(cmap):
        for m in _RANGE_ENTRY.finditer(block):
            low, high, dest = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if dest.startswith(b"["):
                for i, uni in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dest)):
                    out[low + i] = text(uni)
            else:
                start = bytes.fromhex(dest[1:-1].decode())
                for i in range(high - low + 1):
                    value = int.from_bytes(start, "big") + i
                    out[low + i] = text(value.to_bytes(len(start), "big").hex().encode())
    return out


@_rule(
    "unicode-mapping",
    "Jedes gezeigte Zeichen hat einen Unicode-Wert",
    "ISO 19005-2 §6.2.11.7.2 (PDF/A-2a); Matterhorn 31-027",
)
def _unicode_mapping(ctx: _Context) -> list[str]:
    fails = []
    for label, font, codes in _used_codes(ctx):
        tu = font.get("/ToUnicode")
        if not isinstance(tu, Stream):
            continue  # fonts-tounicode decides whether that is allowed
        mapping = _to_unicode_map(tu.read_bytes())
        bad = sorted(
            c for c in codes if not mapping.get(c) or mapping[c] in ("\x00", "\ufeff", "\ufffe")
        )
        if bad:
            shown = ", ".join(str(c) for c in bad[:8])
            fails.append(f"Zeichencodes ohne Unicode-Abbildung {shown}: {label}.")
    return fails


@_rule("fonts-truetype", "TrueType-Schriften: Kodierung und cmap", "ISO 19005-2 §6.2.11.6")
def _fonts_truetype(ctx: _Context) -> list[str]:
    fails = []
    for label, font in _fonts(ctx):
        if font.get("/Subtype") != Name.TrueType:
            continue
        fd = _descriptor(font)
        if fd is None or "/FontFile2" not in fd:
            continue  # reported by fonts-embedded
        symbolic = bool(int(fd.get("/Flags", 0)) & 4)
        encodings = _cmap_encodings(fd["/FontFile2"].read_bytes())
        if encodings is None:
            fails.append(f"cmap-Tabelle des Schriftprogramms nicht lesbar: {label}.")
            continue
        if symbolic:
            if "/Encoding" in font:
                fails.append(f"Symbolische TrueType-Schrift mit /Encoding: {label}.")
            if len(encodings) != 1 and (3, 0) not in encodings:
                fails.append(
                    f"Symbolische TrueType-Schrift: cmap hat {len(encodings)} Kodierungen "
                    f"und keine (3,0): {label}."
                )
        else:
            enc = font.get("/Encoding")
            base = enc.get("/BaseEncoding") if _is_dict(enc) else enc
            if base not in (Name.MacRomanEncoding, Name.WinAnsiEncoding):
                fails.append(
                    f"Nicht-symbolische TrueType-Schrift ohne MacRoman-/WinAnsi-Kodierung: {label}."
                )
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
