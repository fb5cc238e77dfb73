"""Reading the XMP metadata and the PDF and XMP date formats, for the metadata rules."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Stream

from forms.pdfcheck.core import _Context

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
        # Extension schemas count only where every reader finds them: in an rdf:Description
        # of their own whose first child is pdfaExtension:schemas. Apache PDFBox recognises the
        # block only there (it reads such descriptions before the data); elsewhere it reports
        # "7.3 Cannot find a definition for the namespace".
        ns_uris = []
        for desc in tree.iter(f"{{{NS['rdf']}}}Description"):
            first = next(iter(desc), None)
            if first is not None and first.tag == f"{{{NS['pdfaExtension']}}}schemas":
                ns_uris += [
                    el.text or "" for el in desc.iter(f"{{{NS['pdfaSchema']}}}namespaceURI")
                ]
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
