#!/usr/bin/env python3
"""Render the example project and write docs/pdf/seite-N.png (pdftoppm -r 80), one per page.

Run from the repository root: `.venv/bin/python scripts/render_docs_pdf.py`.
The print date is fixed so the pictures only change when the layout does.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms import projectfile  # noqa: E402
from forms.pdf import render  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
OUT = ROOT / "docs" / "pdf"
AUSDRUCK = dt.date(2025, 6, 2)


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm fehlt (Debian-Paket poppler-utils).", file=sys.stderr)
        return 1
    data = render(projectfile.load(EXAMPLE), ausdruck_datum=AUSDRUCK)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("seite-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "vorlage.pdf"
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(Path(tmp) / "p")], check=True)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for number, png in enumerate(pages, start=1):
            shutil.copy(png, OUT / f"seite-{number}.png")
    print(f"{len(pages)} Seiten nach {OUT.relative_to(ROOT)}/ geschrieben.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
