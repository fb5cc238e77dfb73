"""Helpers for the PDF tests: read text back out of a rendered PDF, build long inputs."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pikepdf

FOOTER = re.compile(r"Ausdruck vom \d\d\.\d\d\.\d{4} – Seite (\d+) von (\d+)")


def pages_text(data: bytes, *, mode: str = "-layout") -> list[str]:
    """Text of every page via poppler's pdftotext (`-layout` or `-raw`)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", mode, str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
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
