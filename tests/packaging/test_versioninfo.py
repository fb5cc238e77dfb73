"""The Windows version resource: generated from pyproject.toml, read back by PyInstaller itself."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

compat = pytest.importorskip("PyInstaller.compat")
pytest.importorskip("pefile")
# The module imports win32api for reading/writing .exe resources (Windows only); its parser and
# binary (de)serialiser, used here, never touch it.
if not hasattr(compat, "win32api"):
    compat.win32api = None  # type: ignore[attr-defined]
from PyInstaller.utils.win32 import versioninfo as versioninfo_mod  # noqa: E402

from tests.packaging.scripts import ROOT, load_file  # noqa: E402


def _load() -> ModuleType:
    return load_file("vorlagen_versioninfo", ROOT / "install" / "versioninfo.py")


def _strings(info: object) -> dict[str, str]:
    table = info.kids[0].kids[0]  # type: ignore[attr-defined]
    return {entry.name: entry.val for entry in table.kids}


def test_version_file_carries_pyproject_version_and_the_profile_city(tmp_path: Path) -> None:
    vi = _load()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    city = json.loads((ROOT / "resources" / "profiles" / "aachen.json").read_text("utf-8"))
    target = vi.write_version_file(
        tmp_path / "v.txt", vi.build_info(ROOT), internal_name="vorlage", description="CLI"
    )
    # PyInstaller's own reader (what EXE(version=...) does with the file) ...
    info = versioninfo_mod.load_version_info_from_text_file(str(target))
    strings = _strings(info)
    assert strings["ProductVersion"] == project["version"]
    assert strings["FileVersion"] == project["version"]
    assert strings["CompanyName"] == city["stadt"] == "Stadt Aachen"
    assert strings["ProductName"] == "Vorlagen-Assistent"
    assert strings["OriginalFilename"] == "vorlage.exe"
    # ... and the binary block it writes into the .exe (UTF-16LE; reading it back needs
    # Windows' 4-byte longs, so the Windows workflow checks the built files' VersionInfo).
    raw = info.toRaw()
    assert "Stadt Aachen".encode("utf-16-le") in raw
    assert f"{project['version']}".encode("utf-16-le") in raw
    numbers = tuple(int(n) for n in project["version"].split("."))
    assert info.ffi.fileVersionMS >> 16 == numbers[0]
    assert info.ffi.fileVersionMS & 0xFFFF == numbers[1]
    assert info.ffi.fileVersionLS >> 16 == numbers[2]


def test_numeric_version_follows_the_text_and_rejects_what_windows_cannot_store() -> None:
    vi = _load()
    assert vi.BuildInfo("2.10.3", "Stadt Aachen").numeric == (2, 10, 3, 0)
    assert vi.BuildInfo("1.2.3.post4", "Stadt Aachen").numeric == (1, 2, 3, 4)
    with pytest.raises(ValueError, match="65536"):
        _ = vi.BuildInfo("1.70000.0", "Stadt Aachen").numeric


def test_a_changed_pyproject_version_reaches_the_resource(tmp_path: Path) -> None:
    vi = _load()
    (tmp_path / "resources" / "profiles").mkdir(parents=True)
    (tmp_path / "resources" / "profiles" / "aachen.json").write_text(
        json.dumps({"stadt": "Stadt Musterhausen"}), encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "3.4.5"\n', encoding="utf-8")
    text = vi.version_file_text(vi.build_info(tmp_path), internal_name="x", description="d")
    assert "StringStruct('ProductVersion', '3.4.5')" in text
    assert "StringStruct('CompanyName', 'Stadt Musterhausen')" in text
    assert "filevers=(3, 4, 5, 0)" in text
