"""A small, hand-tagged PDF that meets every rule of forms.pdfcheck, and ways to break it.

Built with a bare reportlab canvas and the project's own tagging/PDF-A modules, so the checker's
tests do not depend on the Vorlage renderer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from forms.pdf.pdfa import DocumentInfo, finish
from forms.pdf.tagging import TagRecorder
from forms.resources import resource_path

FONT = "SampleLiberationSans"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resource_path("fonts", "LiberationSans-Regular.ttf")
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


def good_pdf() -> bytes:
    """Two pages: H1, P split over both pages, a list, a table with header row, H2, footers."""
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=font, invariant=1)
    rec = TagRecorder()

    def text(node, x, y, s):
        rec.begin(c, node)
        c.setFont(font, 11)
        c.drawString(x, y, s)
        rec.end(c)

    def footer(n: int) -> None:
        rec.begin_artifact(c, "Pagination")
        c.setFont(font, 8)
        c.drawString(72, 30, f"Seite {n} von 2")
        c.line(72, 40, 520, 40)
        rec.end(c)

    h1 = rec.root.add("H1", text="Beschlussvorschlag")
    text(h1, 72, 780, "Beschlussvorschlag")
    para = rec.root.add("P")
    text(para, 72, 750, "Der Ausschuss nimmt die Ausführungen der Verwaltung ")
    lst = rec.root.add("L")
    for i, entry in enumerate(["Grunddaten", "Finanzen"], start=1):
        li = lst.add("LI")
        text(li.add("Lbl"), 72, 700 - 20 * i, f"{i}.")
        text(li.add("LBody"), 90, 700 - 20 * i, entry)
    table = rec.root.add("Table")
    head = table.add("TR")
    for j, label in enumerate(["Gremium", "Datum"]):
        th = head.add("TH", attributes={"O": "Table", "Scope": "Column"}, keep_empty=True)
        text(th, 72 + 200 * j, 600, label)
    row = table.add("TR")
    for j, value in enumerate(["Rat der Stadt", "18.10.2023"]):
        text(row.add("TD", keep_empty=True), 72 + 200 * j, 580, value)
    rec.begin_artifact(c, "Layout")
    c.rect(70, 575, 400, 40)  # table grid: decoration
    rec.end(c)
    footer(1)
    c.showPage()
    text(para, 72, 780, "zur Kenntnis (Fortsetzung des Absatzes).")
    h2 = rec.root.add("H2", text="Finanzen")
    text(h2, 72, 740, "Finanzen € 1.234,56")
    footer(2)
    c.showPage()
    c.save()
    info = DocumentInfo(
        title="Testvorlage", author="FB 56", subject="Vorlage FB 56/0001", creator_tool="Test"
    )
    return finish(buf.getvalue(), rec, info)


def modify(data: bytes, change: Callable[[pikepdf.Pdf], object], **save_kwargs: object) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out, fix_metadata_version=False, **save_kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def append_content(pdf: pikepdf.Pdf, ops: bytes, page: int = 0) -> None:
    pdf.pages[page].contents_add(pdf.make_stream(ops), prepend=False)


def replace_xmp(pdf: pikepdf.Pdf, old: bytes, new: bytes) -> None:
    md = pdf.Root.Metadata
    raw = md.read_bytes()
    assert old in raw, old
    md.write(raw.replace(old, new))


def struct_elems(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for k in items:
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.StructElem:
                if pikepdf.Name("/" + role) == k.S:
                    found.append(k)
                stack.append(k)
    return found


EXTENSION_NAMESPACES = (
    b' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
    b' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
    b' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"'
)


def extension_inside_data_description(pdf: pikepdf.Pdf) -> None:
    """The XMP layout before issue 11: the pdfaExtension block at the end of the description
    that holds the data (valid XMP, but PDFBox then misses the pdfuaid definition)."""
    md = pdf.Root.Metadata
    raw = md.read_bytes()
    own = re.search(
        rb"<rdf:Description[^>]*>\s*(<pdfaExtension:schemas>.*?</pdfaExtension:schemas>)"
        rb"\s*</rdf:Description>\s*",
        raw,
        re.S,
    )
    assert own is not None, raw
    raw = raw[: own.start()] + raw[own.end() :]
    end = raw.rindex(b"</rdf:Description>")
    raw = raw[:end] + own.group(1) + b"\n  " + raw[end:]
    decl = b'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
    assert decl in raw
    md.write(raw.replace(decl, decl + EXTENSION_NAMESPACES, 1))
