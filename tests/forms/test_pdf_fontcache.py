"""The cache of parsed font metrics (forms.pdf.fontcache): used when it holds this very font,
ignored and rebuilt when it is corrupt or stale, harmless when it cannot be written."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace

from forms.pdf import fontcache
from forms.resources import resource_path

FONT = resource_path("fonts", "LiberationSans-Bold.ttf")
OTHER = resource_path("fonts", "LiberationSans-Italic.ttf")


def _entry(folder: Path) -> Path:
    (entry,) = folder.glob("*.metrics")
    return entry


def _same_as_fresh(face: TTFontFace, path: Path = FONT) -> None:
    fresh = TTFontFace(str(path))
    assert set(face.__dict__) == set(fresh.__dict__)
    for key, value in fresh.__dict__.items():
        if key == "_pdfScale":
            assert face._pdfScale(1234) == value(1234)
        elif key != "_pos":
            assert getattr(face, key) == value, key
    assert face.name.ustr == fresh.name.ustr == "LiberationSans-Bold"
    # What the PDF needs from the face: widths and a subset built from the font's bytes.
    subset = [ord(c) for c in "Grünflächen ∑"]
    assert face.makeSubset(subset) == fresh.makeSubset(subset)


def _parse_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: TTFontFace, *args: object) -> None:
        raise AssertionError("the font was parsed although the cache holds it")

    monkeypatch.setattr(TTFontFace, "extractInfo", refuse)


def test_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = fontcache.load_face(FONT, tmp_path)
    _same_as_fresh(first)
    written = _entry(tmp_path).read_bytes()
    with monkeypatch.context() as patch:
        _parse_fails(patch)
        cached = fontcache.load_face(FONT, tmp_path)
    _same_as_fresh(cached)
    assert _entry(tmp_path).read_bytes() == written


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not marshal at all", marshal.dumps("a string"), marshal.dumps(((1,), {}))],
    ids=["empty", "garbage", "wrong-type", "wrong-header"],
)
def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    fontcache.load_face(FONT, tmp_path)
    entry = _entry(tmp_path)
    good = entry.read_bytes()
    entry.write_bytes(garbage)
    _same_as_fresh(fontcache.load_face(FONT, tmp_path))
    assert entry.read_bytes() == good  # rebuilt


def test_truncated_entry_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    fontcache.load_face(FONT, tmp_path)
    entry = _entry(tmp_path)
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2])
    _same_as_fresh(fontcache.load_face(FONT, tmp_path))
    assert entry.read_bytes() == good


def test_stale_entry_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An entry written by another reportlab version (or format) under the same font hash.
    monkeypatch.setattr(fontcache, "REPORTLAB_VERSION", "0.0-alt")
    fontcache.load_face(FONT, tmp_path)
    entry = _entry(tmp_path)
    stale = entry.read_bytes()
    monkeypatch.undo()
    _same_as_fresh(fontcache.load_face(FONT, tmp_path))
    assert entry.read_bytes() != stale
    header, _state = marshal.loads(entry.read_bytes())
    assert header[1] == fontcache.REPORTLAB_VERSION


def test_entry_of_another_font_is_not_used(tmp_path: Path) -> None:
    # Another font's metrics copied under this font's name: the hash inside gives it away.
    fontcache.load_face(OTHER, tmp_path)
    other = _entry(tmp_path)
    fontcache.load_face(FONT, tmp_path)
    mine = next(p for p in tmp_path.glob("*.metrics") if p != other)
    mine.write_bytes(other.read_bytes())
    _same_as_fresh(fontcache.load_face(FONT, tmp_path))


def test_entry_missing_a_field_is_ignored(tmp_path: Path) -> None:
    fontcache.load_face(FONT, tmp_path)
    entry = _entry(tmp_path)
    header, state = marshal.loads(entry.read_bytes())
    del state["charWidths"]
    entry.write_bytes(marshal.dumps((header, state)))
    _same_as_fresh(fontcache.load_face(FONT, tmp_path))


def test_unwritable_cache_folder_only_costs_the_parse(tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")
    _same_as_fresh(fontcache.load_face(FONT, blocker / "schriften"))
