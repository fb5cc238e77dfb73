"""Helpers for the PDF tests: read a rendered PDF back with poppler (a reader we did not write)
and pikepdf (text, tag tree, word boxes), build long inputs."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pikepdf

from forms.model import Beratung, BeratungStatus, Finanzen, Investiv, Konsumtiv, Spalten, Vorlage

FOOTER = re.compile(r"Ausdruck vom \d\d\.\d\d\.\d{4} – Seite (\d+) von (\d+)")
AUSDRUCK = dt.date(2026, 11, 25)
PDF = "<pdf>"  # in a poppler command line: the PDF's file


def poppler(data: bytes, tool: str, *arguments: str) -> bytes:
    """What a poppler tool (`pdftotext`, `pdfinfo`, `pdftoppm`) prints for `data`, written to a
    temporary file that stands where `PDF` stands in `arguments` (else last)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        args = [str(path) if a == PDF else a for a in arguments]
        if PDF not in arguments:
            args.append(str(path))
        return subprocess.run([tool, *args], check=True, capture_output=True).stdout


def poppler_text(data: bytes, tool: str, *arguments: str) -> str:
    return poppler(data, tool, *arguments).decode("utf-8")


def pages_text(data: bytes, *, mode: str = "-layout") -> list[str]:
    """Text of every page via poppler's pdftotext (`-layout` or `-raw`)."""
    out = poppler_text(data, "pdftotext", "-enc", "UTF-8", mode, PDF, "-")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def squash(text: str) -> str:
    return " ".join(text.split())


def body_text(data: bytes) -> str:
    """All pages in reading order without running header and footer, whitespace squashed."""
    kept: list[str] = []
    for number, page in enumerate(pages_text(data, mode="-raw"), start=1):
        lines = [ln for ln in page.splitlines() if ln.strip() and not FOOTER.search(ln)]
        if number > 1 and lines:
            lines = lines[1:]  # running header
        kept.extend(lines)
    return squash("\n".join(kept))


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def long_markdown(sections: int) -> str:
    """Markdown with headings, nested lists, emphasis and tables; ~2 pages per section."""
    parts: list[str] = []
    for n in range(1, sections + 1):
        parts.append(f"# Abschnitt {n}: Sachstand")
        parts.append(
            f"Absatz {n}.1 – Die Verwaltung berichtet über die **Umsetzung** der Maßnahme "
            "im *Stadtbezirk* Aachen-Mitte. " * 6
        )
        parts.append(f"## Unterabschnitt {n}.a")
        parts.append(
            "\n".join(
                [
                    f"{i}. Punkt {n}.{i} mit einer Erläuterung, die etwas länger ist."
                    for i in range(1, 5)
                ]
                + ["   - Unterpunkt mit Bürger*innen und „Zitat“", "   - zweiter Unterpunkt"]
            )
        )
        parts.append("- Aufzählung eins\n- Aufzählung zwei\n  1. verschachtelt\n  2. nummeriert")
        rows = "\n".join(
            f"| {2020 + i} | {1000 * i + n},00 € | Zeile {i} zu {n} |" for i in range(1, 9)
        )
        parts.append(f"| Jahr | Betrag | Bemerkung |\n|---|--:|---|\n{rows}")
        parts.append(
            f"Absatz {n}.2 – Abschließend wird festgestellt, dass die Mittel bereitstehen. " * 14
        )
    return "\n\n".join(parts)


def struct_entries(data: bytes) -> list[tuple[int, str, str]]:
    """`pdfinfo -struct-text` as (depth, 'elem'|'text'|'attr', value) in tree order."""
    entries = []
    for line in poppler_text(data, "pdfinfo", "-struct-text").splitlines():
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        if stripped.startswith('"'):
            entries.append((depth, "text", stripped[1:-1]))
        elif stripped.startswith("/"):
            entries.append((depth, "attr", stripped))
        elif stripped:
            entries.append((depth, "elem", stripped.split(" ")[0].rstrip(":")))
    return entries


def struct_texts(data: bytes) -> list[str]:
    """The text of every element of the tag tree, as `pdfinfo -struct-text` prints it."""
    out = poppler_text(data, "pdfinfo", "-struct-text")
    return [ln.strip()[1:-1] for ln in out.splitlines() if ln.strip().startswith('"')]


def headings(entries: list[tuple[int, str, str]]) -> list[tuple[str, str]]:
    """(H level, text) of every heading of the tag tree (`struct_entries`)."""
    out = []
    for i, (_, kind, value) in enumerate(entries):
        if kind == "elem" and re.fullmatch(r"H[1-6]", value):
            out.append((value, entries[i + 1][2]))
    return out


def render_erlaeuterungen(markdown: str) -> bytes:
    """The PDF of a Vorlage with only a Betreff and these Erläuterungen."""
    from forms.pdf import render

    v = Vorlage()
    v.grunddaten.betreff = "Betreff"
    v.erlaeuterungen = markdown
    return render(v, ausdruck_datum=AUSDRUCK)


def erlaeuterungen_headings(data: bytes) -> list[tuple[str, str]]:
    """(H level, text) of the headings inside the Erläuterungen."""
    found = headings(struct_entries(data))
    start = next(i for i, (_, text) in enumerate(found) if text == "Erläuterungen")
    end = next(i for i, (_, text) in enumerate(found) if text == "Finanzielle Auswirkungen")
    return found[start + 1 : end]


@dataclass(frozen=True)
class WordBox:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def word_boxes(data: bytes) -> list[WordBox]:
    """Every word with its box, from poppler's `pdftotext -bbox`."""
    out = poppler_text(data, "pdftotext", "-bbox", PDF, "-")
    return [
        WordBox(w, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, w in _WORD.findall(out)
    ]


def _spalten(base: int) -> Spalten:
    values = [Decimal(base * k) + Decimal("0.25") for k in range(1, 7)]
    return Spalten(**dict(zip(Spalten.model_fields, values, strict=True)))


def long_vorlage() -> Vorlage:
    """30+ pages: 24 sibling "##" headings, nested lists, tables, 60 Beratungen, finances."""
    v = Vorlage()
    g = v.grunddaten
    g.vorlage_nr, g.vorlageart = "FB 61/0815/WP18", "Beschlussvorlage"
    g.betreff = "Fortschreibung des Integrierten Handlungskonzepts " * 3
    g.verfasst_von = "Fachbereich Stadtentwicklung"
    siblings = "\n\n".join(
        f"## Abschnitt {n}\n\nText zu Abschnitt {n} mit einer längeren Begründung, die über "
        "mehrere Zeilen umbricht und so die Wortgrenzen am Zeilenende prüft. " * 3
        for n in range(1, 25)
    )
    v.erlaeuterungen = long_markdown(30) + "\n\n# Einzelne Abschnitte\n\n" + siblings
    v.beschlussvorschlag = "Der Rat beschließt:\n\n1. erstens\n   - a\n   - b\n2. zweitens"
    v.beratungsfolge = [
        Beratung(
            status=BeratungStatus.GEPLANT,
            datum=dt.date(2025, 1, 6) + dt.timedelta(days=7 * i),
            gremium=f"Bezirksvertretung Aachen-{i:02d}",
            rolle="Anhörung/Empfehlung" if i % 3 else "Entscheidung",
        )
        for i in range(60)
    ]
    v.finanzen = Finanzen(
        auswirkungen=True,
        haushaltsjahr=2025,
        investiv=Investiv(einzahlungen=_spalten(1000), auszahlungen=_spalten(2500)),
        konsumtiv=Konsumtiv(
            ertrag=_spalten(300), personal_sachaufwand=_spalten(700), abschreibungen=_spalten(90)
        ),
    )
    return v
