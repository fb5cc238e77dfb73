"""The frozen bundle, built once per test run and shared by every packaging test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAME = "vorlagen-assistent"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built through the same script the Windows workflow calls; the bundle tests and the
    # documented-commands test (its dist/ commands) reuse this one bundle.
    pytest.importorskip("PyInstaller", reason="pyinstaller fehlt: pip install -e '.[dev]'")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_bundle.py"),
            "--dist",
            str(work / "dist"),
            "--work",
            str(work / "build"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    folder = work / "dist" / NAME
    assert folder.is_dir()
    return folder
