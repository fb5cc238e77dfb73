"""PDF/A-2 rules on fonts: embedded, ToUnicode, widths against the font program, .notdef,
Unicode mapping and TrueType encodings; with the reading of the embedded TrueType tables."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from typing import Any

import pikepdf
from pikepdf import Array, Name, Stream

from forms.pdfcheck.core import _Context, _rule
from forms.pdfcheck.reading import (
    _is_dict,
    _name,
    _pages,
    _xobjects,
)


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
