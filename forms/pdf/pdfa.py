"""PDF/A-2 and PDF/UA-1 identification: OutputIntent, XMP, document info, catalog entries.

Appended to the PDF reportlab wrote as an incremental update (forms.pdf.increment); see
forms/pdf/tagging.py for the tag tree and docs/accessibility.md for which rule is met where.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from forms.pdf import readback
from forms.pdf.flowables import xml_escape as escape
from forms.pdf.increment import Name as PdfName
from forms.pdf.increment import Ref, Stream, Update, fit_string
from forms.pdf.tagging import (
    StructNode,
    TagRecorder,
    first_page,
    write_structure_tree,
)
from forms.resources import resource_path

ICC_PROFILE = ("icc", "sRGB.icc")
PDFA_PART = 2
# Level A needs the tag tree we write; it is claimed only when the tree was written.
LANG = "de-DE"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator_tool: str = ""
    producer: str = ""
    lang: str = LANG


# A PDF date (ISO 32000-2 §7.9.4): every field after the year optional; "Z00'00'" and offsets
# without apostrophes occur in the wild. The same forms pikepdf's decode_pdf_date reads.
_PDF_DATE = re.compile(
    r"(?:D:)?(?P<year>\d{4})(?:(?P<month>\d{2})(?:(?P<day>\d{2})(?:(?P<hour>\d{2})"
    r"(?:(?P<minute>\d{2})(?:(?P<second>\d{2}))?)?)?)?)?"
    r"(?:(?P<utc>Z(?:00'?(?:00'?)?)?)|(?P<sign>[+-])(?P<tzh>\d{2})'?(?:(?P<tzm>\d{2})'?)?)?",
    re.ASCII,
)


def _pdf_date(value: object) -> dt.datetime | None:
    if not isinstance(value, readback.PdfString):
        return None
    m = _PDF_DATE.fullmatch(readback.text(value))
    if m is None:
        return None
    tz: dt.tzinfo | None = None
    if m["utc"] is not None:
        tz = dt.UTC
    elif m["sign"] is not None:
        offset = dt.timedelta(hours=int(m["tzh"]), minutes=int(m["tzm"] or 0))
        tz = dt.timezone(-offset if m["sign"] == "-" else offset)
    try:
        return dt.datetime(
            int(m["year"]), int(m["month"] or 1), int(m["day"] or 1), int(m["hour"] or 0),
            int(m["minute"] or 0), int(m["second"] or 0), tzinfo=tz,
        )  # fmt: skip
    except ValueError:
        return None


def _encode_pdf_date(value: dt.datetime) -> str:
    """D:YYYYMMDDHHmmSS with the offset as +HH'mm (as pikepdf's encode_pdf_date writes it)."""
    text = f"D:{value.year:04d}" + value.strftime("%m%d%H%M%S")
    tz = value.strftime("%z")
    return text + (f"{tz[0]}{tz[1:3]}'{tz[3:5]}" if tz else "")


def _xmp_date(value: dt.datetime) -> str:
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat(timespec="seconds")


def _alt(text: str, lang: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


# pdfuaid is not one of PDF/A's predefined XMP schemas, so PDF/A requires it to be described
# by an extension schema inside the packet (ISO 19005-2 §6.6.2.3.2). It stands in its own
# rdf:Description, first in rdf:RDF, with pdfaExtension:schemas as that description's first
# child: XMP readers differ in how they find the block, and this is the simplest form of the
# XMP spec. Apache PDFBox (xmpbox) only recognises an extension-schema description by its first
# child and reads it before all other descriptions; inside the data description it reported
# "7.3 Cannot find a definition for the namespace http://www.aiim.org/pdfua/ns/id/".
_PDFUA_EXTENSION = """<rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description
         >Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>"""


def xmp_packet(
    info: DocumentInfo,
    *,
    producer: str,
    created: dt.datetime | None,
    modified: dt.datetime | None,
    conformance: str,
) -> bytes:
    parts = [f"<dc:title>{_alt(info.title, info.lang)}</dc:title>"]
    if info.author:
        parts.append(
            f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if info.subject:
        parts.append(f"<dc:description>{_alt(info.subject, info.lang)}</dc:description>")
    parts.append(
        f"<dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>"
    )
    parts.append("<dc:format>application/pdf</dc:format>")
    if info.keywords:
        parts.append(f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>")
    parts.append(f"<pdf:Producer>{escape(producer)}</pdf:Producer>")
    if info.creator_tool:
        parts.append(f"<xmp:CreatorTool>{escape(info.creator_tool)}</xmp:CreatorTool>")
    if created:
        parts.append(f"<xmp:CreateDate>{_xmp_date(created)}</xmp:CreateDate>")
    if modified:
        parts.append(f"<xmp:ModifyDate>{_xmp_date(modified)}</xmp:ModifyDate>")
        parts.append(f"<xmp:MetadataDate>{_xmp_date(modified)}</xmp:MetadataDate>")
    parts.append(f"<pdfaid:part>{PDFA_PART}</pdfaid:part>")
    parts.append(f"<pdfaid:conformance>{conformance}</pdfaid:conformance>")
    parts.append("<pdfuaid:part>1</pdfuaid:part>")
    body = "\n   ".join(parts)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  {_PDFUA_EXTENSION}
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   {body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def _output_intent(update: Update) -> dict[str, Any]:
    icc = resource_path(*ICC_PROFILE).read_bytes()
    profile = update.add(Stream({"N": 3}, icc))
    return {
        "Type": PdfName("OutputIntent"),
        "S": PdfName("GTS_PDFA1"),
        "OutputConditionIdentifier": "sRGB IEC61966-2.1",
        "Info": "sRGB IEC61966-2.1",
        "RegistryName": "http://www.color.org",
        "DestOutputProfile": profile,
    }


def _outline(update: Update, root: StructNode) -> Ref | None:
    """Bookmarks for the headings (H1 at top level, H2/H3… below their heading)."""
    items: list[tuple[int, str, int]] = []  # (level, title, page number)
    for node in root.nodes():
        if len(node.role) == 2 and node.role[0] == "H" and node.role[1].isdigit():
            page = first_page(node)
            if page is not None:
                items.append((int(node.role[1]), (node.text or node.role).strip(), page))
    if not items:
        return None

    @dataclass
    class Item:
        title: str
        page: int
        ref: Ref
        children: list[Item]

    outlines = update.new()
    top: list[Item] = []
    stack: list[tuple[int, list[Item]]] = [(0, top)]
    for level, title, page in items:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        item = Item(title, page, update.new(), [])
        stack[-1][1].append(item)
        stack.append((level, item.children))

    def write(level_items: list[Item], parent: Ref) -> int:
        count = 0
        for i, item in enumerate(level_items):
            below = write(item.children, item.ref)
            update.put(
                item.ref,
                {
                    "Title": item.title,
                    "Parent": parent,
                    "Prev": level_items[i - 1].ref if i else None,
                    "Next": level_items[i + 1].ref if i + 1 < len(level_items) else None,
                    "First": item.children[0].ref if item.children else None,
                    "Last": item.children[-1].ref if item.children else None,
                    "Count": below or None,
                    "Dest": [update.page_refs[item.page - 1], PdfName("Fit")],
                },
            )
            count += 1 + below
        return count

    total = write(top, outlines)
    update.put(
        outlines,
        {"Type": PdfName("Outlines"), "First": top[0].ref, "Last": top[-1].ref, "Count": total},
    )
    return outlines


def info_from(pdf: readback.ReportlabPdf, lang: str = LANG) -> DocumentInfo:
    """The document info reportlab wrote (title, author, …), for XMP to mirror."""
    old = pdf.info

    def get(key: str) -> str:
        value = old.get(key) if old is not None else None
        return readback.text(value) if value is not None else ""

    return DocumentInfo(
        title=get("Title") or "Vorlage",
        author=get("Author"),
        subject=get("Subject"),
        keywords=get("Keywords"),
        creator_tool=get("Creator"),
        producer=get("Producer"),
        lang=lang,
    )


def _fitted(info: DocumentInfo) -> DocumentInfo:
    """Info strings cut as the incremental update will cut them, so the XMP says the same."""
    return dataclasses.replace(
        info,
        **{f.name: fit_string(getattr(info, f.name)) for f in dataclasses.fields(info)},
    )


def _default_producer() -> str:
    # Only for a PDF whose info names no producer (render() always names one): the version
    # lookup reads the installed metadata (importlib.metadata, ~50 ms at first use).
    from forms import __version__

    return f"Vorlagen-Assistent {__version__}"


def finish(data: bytes, recorder: TagRecorder | None, info: DocumentInfo | None = None) -> bytes:
    """reportlab's bytes in, PDF/A-2 (A with tags, else B) + PDF/UA-1 identification out.

    Everything is appended as one incremental update: structure tree, bookmarks, XMP,
    OutputIntent, document info, and new versions of the catalog and the pages.
    """
    update = Update(data)
    pdf = update.pdf
    info = _fitted(info or info_from(pdf))
    catalog = update.entries_of(
        pdf.root,
        drop=("StructTreeRoot", "MarkInfo", "Lang", "ViewerPreferences", "Metadata",
              "OutputIntents", "Outlines", "PageMode", "Version"),
    )  # fmt: skip
    if recorder is not None:
        keys = write_structure_tree(update, recorder.root, lang=info.lang)
        for number, page in enumerate(pdf.page_refs, start=1):
            entries = update.entries_of(pdf.dict_of(page), drop=("StructParents", "Tabs"))
            if number in keys:
                entries["StructParents"] = keys[number]
                # Tab order follows the structure (PDF/UA for pages with annotations).
                entries["Tabs"] = PdfName("S")
            update.put(update.page_refs[number - 1], entries)
        catalog["StructTreeRoot"] = update.struct_tree_root
        catalog["MarkInfo"] = {"Marked": True}
        outline = _outline(update, recorder.root)
        if outline is not None:
            catalog["Outlines"] = outline
            catalog["PageMode"] = PdfName("UseOutlines")

    old = pdf.info
    created = _pdf_date(old.get("CreationDate")) if old is not None else None
    modified = _pdf_date(old.get("ModDate")) if old is not None else None
    created = created or dt.datetime.now(dt.UTC).replace(microsecond=0)
    modified = modified or created
    producer = info.producer or _default_producer()
    update.info_ref = update.add(
        {
            "Title": info.title,
            "Author": info.author or None,
            "Subject": info.subject or None,
            "Keywords": info.keywords or None,
            "Creator": info.creator_tool or None,
            "Producer": producer,
            "CreationDate": _encode_pdf_date(created),
            "ModDate": _encode_pdf_date(modified),
        }
    )
    xmp = xmp_packet(
        info,
        producer=producer,
        created=created,
        modified=modified,
        conformance="A" if recorder is not None else "B",
    )
    # uncompressed: archive tools read the metadata as plain text
    catalog["Metadata"] = update.add(
        Stream({"Type": PdfName("Metadata"), "Subtype": PdfName("XML")}, xmp, compress=False)
    )
    catalog["OutputIntents"] = [_output_intent(update)]
    catalog["Lang"] = info.lang
    prefs = pdf.root.get("ViewerPreferences")
    viewer = (
        update.entries_of(pdf.resolve_dict(prefs, "/ViewerPreferences"), drop=("DisplayDocTitle",))
        if prefs is not None
        else {}
    )
    catalog["ViewerPreferences"] = {**viewer, "DisplayDocTitle": True}
    catalog["Version"] = PdfName("1.7")
    update.put(update.root_ref, catalog)
    return update.to_bytes()
