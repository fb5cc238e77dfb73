"""PDF/A-2 and PDF/UA-1 identification: OutputIntent, XMP, document info, catalog entries.

Applied with pikepdf to the PDF reportlab wrote; see forms/pdf/tagging.py for the tag tree and
docs/accessibility.md for which rule is met where.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from forms.pdf.tagging import (
    StructNode,
    TagRecorder,
    first_page,
    rewrite_pages,
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


def _pdf_date(value: object) -> dt.datetime | None:
    text = str(value) if value is not None else ""
    try:
        return pikepdf.models.metadata.decode_pdf_date(text)
    except (ValueError, AttributeError):
        return None


def _xmp_date(value: dt.datetime) -> str:
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat(timespec="seconds")


def _alt(text: str, lang: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'


# pdfuaid is not one of PDF/A's predefined XMP schemas, so PDF/A requires it to be described
# by an extension schema inside the packet (ISO 19005-2 §6.6.2.3.2).
_PDFUA_EXTENSION = """
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
   </pdfaExtension:schemas>"""


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
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   {body}{_PDFUA_EXTENSION}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def add_output_intent(pdf: Pdf) -> None:
    icc = resource_path(*ICC_PROFILE).read_bytes()
    profile = pdf.make_stream(icc)
    profile.N = 3
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = Array([intent])


def make_archival(pdf: Pdf, info: DocumentInfo, *, tagged: bool) -> None:
    """Turn reportlab's PDF into PDF/A-2 (A if tagged, else B) with PDF/UA-1 identification."""
    from forms import __version__

    old = pdf.trailer.get("/Info")
    created = _pdf_date(old.get("/CreationDate")) if old is not None else None
    modified = _pdf_date(old.get("/ModDate")) if old is not None else None
    created = created or dt.datetime.now(dt.UTC).replace(microsecond=0)
    modified = modified or created
    producer = info.producer or f"Vorlagen-Assistent {__version__}"

    docinfo = Dictionary(
        Title=pikepdf.String(info.title),
        Producer=pikepdf.String(producer),
        CreationDate=pikepdf.String(pikepdf.models.metadata.encode_pdf_date(created)),
        ModDate=pikepdf.String(pikepdf.models.metadata.encode_pdf_date(modified)),
    )
    if info.author:
        docinfo.Author = pikepdf.String(info.author)
    if info.subject:
        docinfo.Subject = pikepdf.String(info.subject)
    if info.keywords:
        docinfo.Keywords = pikepdf.String(info.keywords)
    if info.creator_tool:
        docinfo.Creator = pikepdf.String(info.creator_tool)
    pdf.trailer.Info = pdf.make_indirect(docinfo)

    xmp = pdf.make_stream(
        xmp_packet(
            info,
            producer=producer,
            created=created,
            modified=modified,
            conformance="A" if tagged else "B",
        )
    )
    xmp.Type = Name.Metadata
    xmp.Subtype = Name.XML
    pdf.Root.Metadata = xmp
    add_output_intent(pdf)
    pdf.Root.Lang = pikepdf.String(info.lang)
    prefs = pdf.Root.get("/ViewerPreferences", Dictionary())
    prefs.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = prefs


def add_outline(pdf: Pdf, root: StructNode) -> int:
    """Bookmarks for the headings (H1 at top level, H2/H3 below their heading); returns count."""
    if "/Outlines" in pdf.Root and "/First" in pdf.Root.Outlines:
        return 0  # the renderer made its own
    count = 0
    with pdf.open_outline() as outline:
        stack: list[tuple[int, list[OutlineItem]]] = [(0, outline.root)]
        for node in root.nodes():
            if len(node.role) != 2 or node.role[0] != "H" or not node.role[1].isdigit():
                continue
            page = first_page(node)
            if page is None:
                continue
            level = int(node.role[1])
            item = OutlineItem((node.text or node.title or node.role).strip(), page - 1)
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            stack[-1][1].append(item)
            stack.append((level, item.children))
            count += 1
    if count:
        pdf.Root.PageMode = Name.UseOutlines
    return count


def info_from(pdf: Pdf, lang: str = LANG) -> DocumentInfo:
    """The document info reportlab wrote (title, author, …), for XMP to mirror."""
    old = pdf.trailer.get("/Info")

    def get(key: str) -> str:
        value = old.get(key) if old is not None else None
        return str(value) if value is not None else ""

    return DocumentInfo(
        title=get("/Title") or "Vorlage",
        author=get("/Author"),
        subject=get("/Subject"),
        keywords=get("/Keywords"),
        creator_tool=get("/Creator"),
        producer=get("/Producer"),
        lang=lang,
    )


def finish(data: bytes, recorder: TagRecorder | None, info: DocumentInfo | None = None) -> bytes:
    """reportlab's bytes in, PDF/A-2 (A with tags, else B) + PDF/UA-1 identification out."""
    pdf = pikepdf.open(io.BytesIO(data))
    if recorder is not None:
        rewrite_pages(pdf, recorder)
        write_structure_tree(pdf, recorder.root, lang=(info.lang if info else LANG))
        add_outline(pdf, recorder.root)
    make_archival(pdf, info or info_from(pdf), tagged=recorder is not None)
    return save(pdf)


def save(pdf: Pdf) -> bytes:
    buf = io.BytesIO()
    # The metadata stream stays uncompressed (archive tools read it as plain text); the ID is
    # derived from the content, so the same Vorlage gives the same bytes.
    pdf.save(
        buf,
        min_version="1.7",
        fix_metadata_version=False,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.preserve,
    )
    return buf.getvalue()
