"""The application and file-type icons: rendered from their SVG sources, in every size needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
NAMES = ("vorlagen-assistent", "vorlage-projekt")


@pytest.mark.parametrize("name", NAMES)
def test_ico_holds_every_windows_size(name: str) -> None:
    with Image.open(ICONS / f"{name}.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(sizes)


def test_committed_renderings_match_their_svg_sources(tmp_path: Path) -> None:
    # An edited SVG without re-running scripts/make_icons.py would ship a stale icon.
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_icons.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for fresh in sorted(tmp_path.glob("*.png")):
        with Image.open(fresh) as a, Image.open(ICONS / fresh.name) as b:
            assert a.size == b.size, fresh.name
            diff = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))
            assert max(high for _low, high in diff.getextrema()) <= 8, fresh.name


def test_licence_names_both_sources() -> None:
    licence = (ICONS / "LICENSE-icons.txt").read_text("utf-8")
    for name in NAMES:
        assert f"{name}.svg" in licence
        assert (ICONS / f"{name}.svg").is_file()
