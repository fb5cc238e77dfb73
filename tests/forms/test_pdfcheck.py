"""Every rule of forms.pdfcheck passes on a good PDF and fails on one broken on purpose."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from forms import pdfcheck
from tests.forms.pdfa_samples import (
    append_content,
    extension_inside_data_description,
    good_pdf,
    modify,
    replace_xmp,
    struct_elems,
)


@pytest.fixture(scope="module")
def good() -> bytes:
    return good_pdf()


def failing(data: bytes) -> dict[str, tuple[str, ...]]:
    return {r.rule: r.failures for r in pdfcheck.check(data) if not r.passed}


def test_good_sample_passes_every_rule(good: bytes) -> None:
    results = pdfcheck.check(good)
    assert [r.rule for r in results] == pdfcheck.rule_ids()
    assert pdfcheck.failed(results) == [], pdfcheck.report(results)


def test_good_sample_passes_qpdf_and_poppler_reads_tags(good: bytes, tmp_path) -> None:
    path = tmp_path / "good.pdf"
    path.write_bytes(good)
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True, text=True
    ).stdout
    # the paragraph split over two pages is one P, in logical order before the list
    assert re.search(r"P \(block\)\s+\"Der Ausschuss.*\"\s+\"zur Kenntnis", tree), tree
    assert tree.index("Beschlussvorschlag") < tree.index("Grunddaten") < tree.index("Finanzen €")


def _set_header(data: bytes) -> bytes:
    assert re.match(rb"%PDF-1\.[0-7]", data)
    return b"%PDF-2.0" + data[8:]


def _drop_trailer_id(data: bytes) -> bytes:
    pos = data.rindex(b"/ID [")
    return data[:pos] + b"/XX [" + data[pos + 5 :]


def _del(key: str) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        del pdf.Root[key]

    return change


def _untagged_text(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[0].Resources.Font.keys()))
    append_content(pdf, f"BT {font} 10 Tf 72 100 Td (lose) Tj ET".encode())


def _artifact_in_tagged(pdf: pikepdf.Pdf) -> None:
    append_content(pdf, b"/P <</MCID 99>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC")


def _cmyk(pdf: pikepdf.Pdf) -> None:
    append_content(pdf, b"/Artifact BMC 0 0 0 1 k 0 0 10 10 re f EMC")


def _no_font_file(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        desc = font.get("/FontDescriptor")
        if desc is not None:
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in desc:
                    del desc[key]


def _no_tounicode(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        if "/ToUnicode" in font:
            del font["/ToUnicode"]


def _encoding_on_symbolic_font(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        font.Encoding = Name.WinAnsiEncoding


def _wrong_width(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        widths = font.Widths
        missing = font.FontDescriptor.get("/MissingWidth")
        used = next(i for i, w in enumerate(widths) if w not in (0, missing))
        widths[used] = widths[used] + 150


def _notdef_text(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[0].Resources.Font.keys()))
    append_content(pdf, f"/Artifact BMC BT {font} 10 Tf 72 100 Td <FE> Tj ET EMC".encode())


def _unmapped_code(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        cmap = font.ToUnicode.read_bytes()
        font.ToUnicode.write(re.sub(rb"<41> <[0-9A-F]{4}>", b"<41> <0000>", cmap))


def _transparency_group(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)


def _alpha(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Resources.ExtGState = Dictionary(GS9=Dictionary(Type=Name.ExtGState, ca=0.5))


def _javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _launch(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = Dictionary(Type=Name.Action, S=Name.Launch, F=pikepdf.String("x.exe"))


def _link_annotation(pdf: pikepdf.Pdf) -> None:
    link = Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10], A=Dictionary(S=Name.URI, URI="x")
    )
    pdf.pages[0].Annots = Array([pdf.make_indirect(link)])
    del pdf.pages[0].obj["/Tabs"]


def _bad_icc(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OutputIntents[0].DestOutputProfile.write(b"kein ICC-Profil" * 20)


def _parent_tree_wrong(pdf: pikepdf.Pdf) -> None:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    arr = nums[1]
    arr[0], arr[1] = arr[1], arr[0]


def _struct_parents_missing(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[1].obj["/StructParents"]


def _role(old: str, new: str, index: int = 0) -> Callable[[pikepdf.Pdf], None]:
    def change(pdf: pikepdf.Pdf) -> None:
        struct_elems(pdf, old)[index].S = Name("/" + new)

    return change


def _no_scope(pdf: pikepdf.Pdf) -> None:
    for th in struct_elems(pdf, "TH"):
        del th["/A"]


def _info_title(pdf: pikepdf.Pdf) -> None:
    pdf.trailer.Info.Title = pikepdf.String("Ein anderer Titel")


def _info_date(pdf: pikepdf.Pdf) -> None:
    pdf.trailer.Info.CreationDate = pikepdf.String("D:19990101000000Z")


def _display_doc_title_false(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _lang_invalid(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = pikepdf.String("deutsch!")


def _xmp_compressed(data: bytes) -> bytes:
    # qpdf always writes metadata streams decoded, so the filter is put in by editing bytes;
    # the shifted offsets are repaired when the file is opened.
    pdf = pikepdf.open(io.BytesIO(data))
    xml = pdf.Root.Metadata.read_bytes()
    start = data.index(xml)
    head = data.rindex(b"<<", 0, start)
    dictionary = data[head:start]
    assert b"/Metadata" in dictionary
    encoded = xml.hex().encode() + b">"
    dictionary = re.sub(
        rb"/Length \d+", b"/Length %d /Filter /ASCIIHexDecode" % len(encoded), dictionary
    )
    return data[:head] + dictionary + encoded + data[start + len(xml) :]


def _suspects(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Suspects = True


def _heading_skip(pdf: pikepdf.Pdf) -> None:
    struct_elems(pdf, "H2")[0].S = Name.H3


def _figure_without_alt(pdf: pikepdf.Pdf) -> None:
    struct_elems(pdf, "P")[0].S = Name.Figure


def _li_outside_list(pdf: pikepdf.Pdf) -> None:
    struct_elems(pdf, "L")[0].S = Name.Div


def _space_before_endstream(data: bytes) -> bytes:
    # Same length, so every offset stays right: only the EOL before endstream is gone.
    pos = data.index(b"\nendstream")
    return data[:pos] + b" " + data[pos + 1 :]


def _length_too_short(data: bytes) -> bytes:
    found = re.search(rb"/Length (\d+)", data)
    assert found is not None
    shorter = b"%d" % (int(found.group(1)) - 1)
    return data[: found.start(1)] + shorter.rjust(len(found.group(1))) + data[found.end(1) :]


def _long_alt(pdf: pikepdf.Pdf) -> None:
    # ISO 19005-2 §6.1.13: 32 767 bytes per string; in UTF-16 (as written) 16 400 "ä" are more.
    struct_elems(pdf, "P")[0].Alt = pikepdf.String(b"\xfe\xff" + "ä".encode("utf-16-be") * 16_400)


def _long_name(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.RoleMap = Dictionary({"/" + "N" * 128: Name.P})


def _word_break_without_space(pdf: pikepdf.Pdf) -> None:
    # The paragraph wraps onto page 2; without the space a reader gets "Verwaltungzur".
    content = pdf.pages[0].Contents
    data = content.read_bytes()
    assert data.count(b"Verwaltung ) Tj") == 1
    content.write(data.replace(b"Verwaltung ) Tj", b"Verwaltung) Tj"))


def _huge_integer(pdf: pikepdf.Pdf) -> None:
    pdf.Root.StructTreeRoot.ParentTreeNextKey = 2**31


BYTES_CASES: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "no-eol-before-endstream": ("stream-syntax", _space_before_endstream),
    "stream-length-wrong": ("stream-syntax", _length_too_short),
    "header-version": ("header", _set_header),
    "trailer-id": ("trailer-id", _drop_trailer_id),
    "xmp-compressed": ("xmp-metadata", _xmp_compressed),
}

PDF_CASES: dict[str, tuple[str, Callable[[pikepdf.Pdf], object]]] = {
    "no-output-intent": ("output-intent", _del("/OutputIntents")),
    "bad-icc": ("output-intent", _bad_icc),
    "cmyk-with-rgb-intent": ("device-colour", _cmyk),
    "font-not-embedded": ("fonts-embedded", _no_font_file),
    "no-tounicode": ("fonts-tounicode", _no_tounicode),
    "symbolic-truetype-with-encoding": ("fonts-truetype", _encoding_on_symbolic_font),
    "widths-differ": ("font-widths", _wrong_width),
    "notdef-glyph": ("notdef", _notdef_text),
    "code-without-unicode": ("unicode-mapping", _unmapped_code),
    "transparency-group": ("transparency", _transparency_group),
    "alpha": ("transparency", _alpha),
    "javascript": ("forbidden-features", _javascript),
    "launch-action": ("forbidden-features", _launch),
    "untagged-annotation": ("annotations", _link_annotation),
    "no-xmp": ("xmp-metadata", _del("/Metadata")),
    "pdfa-part": (
        "xmp-pdfa-id",
        lambda p: replace_xmp(p, b"<pdfaid:part>2<", b"<pdfaid:part>9<"),
    ),
    "pdfua-missing": (
        "xmp-pdfua-id",
        lambda p: replace_xmp(p, b"<pdfuaid:part>1</pdfuaid:part>", b""),
    ),
    "pdfua-no-extension-schema": (
        "xmp-pdfua-id",
        lambda p: replace_xmp(
            p,
            b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/",
            b"<pdfaSchema:namespaceURI>x",
        ),
    ),
    "pdfua-extension-inside-data-description": (
        "xmp-pdfua-id",
        extension_inside_data_description,
    ),
    "string-too-long": ("limits", _long_alt),
    "name-too-long": ("limits", _long_name),
    "integer-too-large": ("limits", _huge_integer),
    "word-break-without-space": ("word-breaks", _word_break_without_space),
    "no-dc-title": ("title", lambda p: replace_xmp(p, b"Testvorlage</rdf:li>", b"</rdf:li>")),
    "display-doc-title-false": ("title", _display_doc_title_false),
    "no-viewer-preferences": ("title", _del("/ViewerPreferences")),
    "info-title-differs": ("info-matches-xmp", _info_title),
    "info-date-differs": ("info-matches-xmp", _info_date),
    "no-markinfo": ("mark-info", _del("/MarkInfo")),
    "suspects": ("mark-info", _suspects),
    "no-lang": ("lang", _del("/Lang")),
    "invalid-lang": ("lang", _lang_invalid),
    "no-struct-tree": ("struct-tree", _del("/StructTreeRoot")),
    "parent-tree-wrong": ("struct-tree", _parent_tree_wrong),
    "struct-parents-missing": ("struct-tree", _struct_parents_missing),
    "untagged-text": ("content-tagged", _untagged_text),
    "artifact-in-tagged": ("content-tagged", _artifact_in_tagged),
    "non-standard-role": ("standard-roles", _role("P", "Absatz")),
    "first-heading-not-h1": ("headings", _role("H1", "H2")),
    "heading-skip": ("headings", _heading_skip),
    "list-item-outside-list": ("structure-nesting", _li_outside_list),
    "cell-outside-row": ("structure-nesting", _role("TR", "Div", 1)),
    "table-without-th": (
        "tables",
        lambda p: [e.__setitem__("/S", Name.TD) for e in struct_elems(p, "TH")],
    ),
    "th-without-scope": ("tables", _no_scope),
    "figure-without-alt": ("figures-alt", _figure_without_alt),
    "no-outline": ("outline", _del("/Outlines")),
}


@pytest.mark.parametrize("case", sorted(BYTES_CASES))
def test_rule_fails_on_broken_bytes(good: bytes, case: str) -> None:
    rule, breaker = BYTES_CASES[case]
    broken = failing(breaker(good))
    assert rule in broken, broken
    assert all(isinstance(m, str) and m for m in broken[rule])


@pytest.mark.parametrize("case", sorted(PDF_CASES))
def test_rule_fails_on_broken_pdf(good: bytes, case: str) -> None:
    rule, breaker = PDF_CASES[case]
    broken = failing(modify(good, breaker))
    assert rule in broken, f"{case}: {broken}"
    assert all(isinstance(m, str) and m for m in broken[rule])


def test_encrypted_pdf_fails(good: bytes) -> None:
    encrypted = modify(good, lambda p: None, encryption=pikepdf.Encryption(owner="geheim", user=""))
    assert "encryption" in failing(encrypted)


def test_every_rule_has_a_breaking_test() -> None:
    covered = {rule for rule, _ in PDF_CASES.values()} | {r for r, _ in BYTES_CASES.values()}
    covered.add("encryption")
    assert covered == set(pdfcheck.rule_ids())


def test_untagged_reportlab_pdf_fails_the_ua_rules() -> None:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Hallo")
    c.save()
    broken = failing(buf.getvalue())
    for rule in (
        "fonts-embedded",
        "struct-tree",
        "content-tagged",
        "mark-info",
        "lang",
        "title",
        "output-intent",
        "xmp-metadata",
    ):
        assert rule in broken, rule


def test_cli_check_pdf(good: bytes, tmp_path, capsys) -> None:
    from forms.cli import main

    ok = tmp_path / "ok.pdf"
    ok.write_bytes(good)
    assert main(["check-pdf", str(ok)]) == 0
    n = len(pdfcheck.rule_ids())
    assert f"{n} von {n} Regeln erfüllt." in capsys.readouterr().out
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(modify(good, _del("/Lang")))
    assert main(["check-pdf", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FEHLER  lang" in out and "Dokumentsprache" in out
    missing = tmp_path / "fehlt.pdf"
    assert main(["check-pdf", str(missing)]) == 2
    assert "lässt sich nicht lesen" in capsys.readouterr().err
    garbage = tmp_path / "kaputt.pdf"
    garbage.write_bytes(b"kein PDF")
    assert main(["check-pdf", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert "ist kein lesbares PDF" in err and "BytesIO" not in err
