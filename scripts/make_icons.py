"""Render the hand-drawn SVG icons in resources/icons/ to the PNG and ICO files the program ships.

    .venv/bin/python scripts/make_icons.py            # writes resources/icons/*.png, *.ico
    .venv/bin/python scripts/make_icons.py --out DIR  # somewhere else (tests compare the result)

Qt's own SVG renderer draws the pixels (the same one that shows the SVG in the program), Pillow
packs the sizes Windows asks for into one .ico (Explorer picks 16–256 px by DPI and view).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCES = ("vorlagen-assistent", "vorlage-projekt")
# Windows: 16/24/32/48 for lists and the taskbar, 64/128/256 for large views and high DPI.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Freedesktop hicolor sizes installed by scripts/install-desktop-integration.sh.
PNG_SIZES = (16, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: kein gültiges SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def write_icons(out: Path) -> list[Path]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in SOURCES:
        svg = ICONS / f"{name}.svg"
        frames = {size: render_png(svg, size) for size in sorted({*ICO_SIZES, *PNG_SIZES})}
        for size in PNG_SIZES:
            target = out / f"{name}-{size}.png"
            target.write_bytes(frames[size])
            written.append(target)
        # Each size from its own rendering (sharper than Pillow scaling the 256 px image down).
        images = [Image.open(io.BytesIO(frames[size])) for size in ICO_SIZES]
        target = out / f"{name}.ico"
        images[-1].save(
            target, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1]
        )
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="Icons aus den SVG-Quellen rendern")
    parser.add_argument("--out", type=Path, default=ICONS, help="Zielordner")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in write_icons(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
