"""The dependency lock: exact pins with hashes, inside pyproject's ranges, for Linux and Windows."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
# requirements/<lock>.txt -> the extras it was compiled for (scripts/lock).
LOCKS = {"desktop": ["desktop"], "dev": ["dev"], "build": ["desktop", "build"]}
WINDOWS = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"}
LINUX = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"}


def _pins(lock: str) -> dict[str, tuple[str, Marker | None, list[str]]]:
    text = (ROOT / "requirements" / f"{lock}.txt").read_text("utf-8")
    pins: dict[str, tuple[str, Marker | None, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = block.split("\\", 1)[0].strip()
        if not head or head.startswith("#"):
            continue
        requirement = Requirement(head)
        (spec,) = requirement.specifier
        assert spec.operator == "==", head
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
        pins[canonicalize_name(requirement.name)] = (spec.version, requirement.marker, hashes)
    return pins


def _wanted(extras: list[str]) -> list[Requirement]:
    wanted = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        wanted += [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"][extra]]
    return wanted


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_declared_dependency_is_pinned_inside_its_range_with_hashes(lock: str) -> None:
    pins = _pins(lock)
    assert pins
    for requirement in _wanted(LOCKS[lock]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock}: {name} fehlt im Lock – scripts/lock ausführen"
        version, _marker, _hashes = pins[name]
        assert requirement.specifier.contains(version), (requirement, version)
    for name, (_version, _marker, hashes) in pins.items():
        assert hashes, f"{lock}: {name} ohne Hash"


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_resolves_for_windows_too(lock: str) -> None:
    # A Linux-only resolution would miss what pip needs on the Windows runner.
    pins = _pins(lock)
    on_windows = {n for n, (_v, m, _h) in pins.items() if m is None or m.evaluate(WINDOWS)}
    on_linux = {n for n, (_v, m, _h) in pins.items() if m is None or m.evaluate(LINUX)}
    if lock in {"build", "dev"}:
        # PyInstaller's Windows-only dependencies (version resources, Win32 calls).
        assert {"pefile", "pywin32-ctypes"} <= on_windows
        assert "pywin32-ctypes" not in on_linux
    # Binary wheels: the pinned version must carry one hash per platform's file at least.
    for name in ("pyside6-essentials", "shiboken6", "pydantic-core"):
        if name in pins:
            assert len(pins[name][2]) >= 3, name


def test_qt_binding_stays_below_612_in_every_lock() -> None:
    for lock in LOCKS:
        pins = _pins(lock)
        if "pyside6-essentials" in pins:
            assert tuple(int(p) for p in pins["pyside6-essentials"][0].split(".")[:2]) < (6, 12)


def test_scripts_test_installed_exactly_the_dev_lock() -> None:
    # ./scripts/test installs from requirements/dev.txt: what runs here is what is pinned.
    env = {"sys_platform": sys.platform, "platform_system": "Linux", "os_name": "posix"}
    if not sys.platform.startswith("linux"):
        pytest.skip("die Testumgebung wird unter Linux aus dem Lock installiert")
    for name, (version, marker, _hashes) in _pins("dev").items():
        if marker is None or marker.evaluate(env):
            assert metadata.version(name) == version, name


def test_pyproject_licence_is_an_spdx_string_setuptools_accepts(tmp_path: Path) -> None:
    # The table form `license = {text = …}` is deprecated (setuptools warns); building the
    # metadata with warnings as errors catches it and any other deprecated key.
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text("utf-8"), encoding="utf-8"
    )
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    for package in ("forms", "desktop"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import os, setuptools.build_meta as b;"
            "os.mkdir('m'); b.prepare_metadata_for_build_wheel('m')",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert isinstance(PYPROJECT["project"]["license"], str)
