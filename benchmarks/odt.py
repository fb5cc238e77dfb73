"""A Vorlage as a minimal OpenDocument text (.odt), for the LibreOffice comparison.

The clerk's usual route is a Writer document converted to PDF. To compare like with like the
document carries the same content as our PDF: title, Grunddaten, Beratungsfolge, Beschlussvorschlag,
Erläuterungen, Anlagen, both finance tables, Klimarelevanz, A4 pages with the Vorlage-Nr. and
"Seite X von Y" in the footer, Liberation Sans. Written with zipfile; no ODF library needed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from forms.formatting import format_betrag, format_datum
from forms.model import SPALTEN, Spalten, Vorlage

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)

_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_NS}>
 <office:font-face-decls>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="de"
     fo:country="DE"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Heading_1" style:display-name="Heading 1" style:family="paragraph">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_2" style:display-name="Heading 2" style:family="paragraph">
   <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:text-properties fo:font-size="8pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
     fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:footer>
    <text:p text:style-name="Footer">Vorlage {{nr}} der Stadt Aachen – Seite
     <text:page-number text:select-page="current"/> von <text:page-count/></text:p>
   </style:footer>
  </style:master-page>
 </office:master-styles>
</office:document-styles>
"""

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
  manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/"
   manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

_AUTOMATIC = """<office:automatic-styles>
  <style:style style:name="Bold" style:family="text">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Italic" style:family="text">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Cell" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/>
  </style:style>
 </office:automatic-styles>"""

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def _inline(text: str) -> str:
    """Escape and turn **bold** / *italic* into spans; a trailing backslash is a line break."""
    out, pos = [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[pos : match.start()]))
        style, inner = ("Bold", match.group(1)) if match.group(1) else ("Italic", match.group(2))
        out.append(f'<text:span text:style-name="{style}">{escape(inner)}</text:span>')
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out).replace("\\\n", "<text:line-break/>").replace("\n", " ")


def _p(text: str) -> str:
    return f'<text:p text:style-name="Standard">{_inline(text)}</text:p>'


def _h(text: str, level: int) -> str:
    return (
        f'<text:h text:style-name="Heading_{level}" text:outline-level="{level}">'
        f"{escape(text)}</text:h>"
    )


def _table(rows: list[list[str]]) -> str:
    columns = max(len(r) for r in rows)
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell table:style-name="Cell" office:value-type="string">{_p(c)}'
            "</table:table-cell>"
            for c in row + [""] * (columns - len(row))
        )
        + "</table:table-row>"
        for row in rows
    )
    column = f'<table:table-column table:number-columns-repeated="{columns}"/>'
    return f"<table:table>{column}{cells}</table:table>"


def _markdown(text: str) -> list[str]:
    """The Markdown subset our Erläuterungen use: headings, bullet lists, paragraphs."""
    parts: list[str] = []
    for block in (b for b in text.split("\n\n") if b.strip()):
        if block.startswith("#"):
            hashes = len(block) - len(block.lstrip("#"))
            parts.append(_h(block.lstrip("#").strip(), min(hashes, 2)))
        elif block.lstrip().startswith("- "):
            items = "".join(
                f"<text:list-item>{_p(line.strip()[2:])}</text:list-item>"
                for line in block.splitlines()
            )
            parts.append(f"<text:list>{items}</text:list>")
        else:
            parts.append(_p(block))
    return parts


def _finanz_rows(
    label: str, rows: list[tuple[str, Spalten]], jahr: str, ff: str
) -> list[list[str]]:
    head = [
        label,
        f"Ansatz {jahr}",
        f"Fortgeschriebener Ansatz {jahr}",
        f"Ansatz {ff}",
        f"Fortgeschriebener Ansatz {ff}",
        "Gesamtbedarf (alt)",
        "Gesamtbedarf (neu)",
    ]
    return [head] + [[name] + [format_betrag(getattr(s, c)) for c in SPALTEN] for name, s in rows]


def content_xml(vorlage: Vorlage) -> str:
    g = vorlage.grunddaten
    body = [_h(f"{g.vorlageart} - {g.vorlage_nr}", 1), _h("Grunddaten", 2)]
    body.append(
        _table(
            [
                ["Betreff:", g.betreff],
                ["Status:", g.status.anzeige()],
                ["Vorlageart:", g.vorlageart],
                ["Federführend:", g.federfuehrend.anzeige()],
                ["Verfasst von:", g.verfasst_von],
            ]
        )
    )
    body.append(_h("Beratungsfolge", 2))
    body.append(
        _table(
            [["Status", "Datum", "Gremium", "Beschluss"]]
            + [
                [b.status, format_datum(b.datum) if b.datum else "", b.gremium, b.rolle]
                for b in vorlage.beratungsfolge
            ]
        )
    )
    if vorlage.beschlussvorschlag.strip():
        body += [_h("Beschlussvorschlag", 2), *_markdown(vorlage.beschlussvorschlag)]
    body += [_h("Erläuterungen", 2), *_markdown(vorlage.erlaeuterungen)]
    if vorlage.anlagen:
        body += [_h("Anlagen", 2), *(_p(a.titel) for a in vorlage.anlagen)]
    f = vorlage.finanzen
    jahr, ff = f.jahr_text(), f.jahr_text(folgejahre=True)
    body.append(_h("Finanzielle Auswirkungen", 2))
    ja, nein = ("x", "") if f.auswirkungen else ("", "x")
    body.append(_table([["JA", "NEIN"], [ja, nein]]))
    inv = f.investiv
    body.append(
        _table(
            _finanz_rows(
                "Investive Auswirkungen",
                [
                    ("Einzahlungen", inv.einzahlungen),
                    ("Auszahlungen", inv.auszahlungen),
                    ("Ergebnis", Spalten(**{c: abs(v) for c, v in inv.ergebnis().items()})),
                ],
                jahr,
                ff,
            )
        )
    )
    kon = f.konsumtiv
    body.append(
        _table(
            _finanz_rows(
                "konsumtive Auswirkungen",
                [
                    ("Ertrag", kon.ertrag),
                    ("Personal-/ Sachaufwand", kon.personal_sachaufwand),
                    ("Abschreibungen", kon.abschreibungen),
                    ("Ergebnis", Spalten(**{c: abs(v) for c, v in kon.ergebnis().items()})),
                ],
                jahr,
                ff,
            )
        )
    )
    k = vorlage.klimarelevanz
    body.append(_h("Klimarelevanz", 2))
    for label, value in [
        ("Relevanz für den Klimaschutz", k.klimaschutz),
        ("Größenordnung der CO2-Effekte", k.co2_effekt),
        ("Relevanz für die Klimafolgenanpassung", k.anpassung),
        ("Kompensation", k.kompensation),
    ]:
        body.append(_p(f"{label}: ☒ {value.value}" if value else f"{label}: ☐"))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS}>'
        f"{_AUTOMATIC}<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>\n"
    )


def write_odt(vorlage: Vorlage, path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as odt:
        # ODF requires the mimetype first and uncompressed.
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        odt.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        odt.writestr(
            "styles.xml",
            _STYLES.replace("{nr}", escape(vorlage.grunddaten.vorlage_nr)),
            zipfile.ZIP_DEFLATED,
        )
        odt.writestr("content.xml", content_xml(vorlage), zipfile.ZIP_DEFLATED)
    return path


def soffice_command(soffice: str, profile: Path, outdir: Path, odts: list[str]) -> list[str]:
    """One headless LibreOffice call converting `odts` to PDF, with its own profile folder."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *odts,
    ]
