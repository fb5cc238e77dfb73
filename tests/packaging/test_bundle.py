"""The frozen program: build the PyInstaller bundle from build.spec and run it as a clerk would.

Slow (about a minute, most of it PyInstaller's analysis) but part of the README's test command:
a spec that no longer builds, a resource missing from the bundle or a module PyInstaller cannot
see would otherwise only show up on the clerks' machines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.forms.pdfutil import body_text

pytest.importorskip("PyInstaller", reason="pyinstaller fehlt: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[2]
NAME = "vorlagen-assistent"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    folder = work / "dist" / NAME
    assert folder.is_dir()
    return folder


def _frozen_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    # The bundle must not lean on the developer's virtualenv or source tree.
    for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(key, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
    )
    return env


def _executable(bundle: Path) -> Path:
    return bundle / (NAME + (".exe" if sys.platform == "win32" else ""))


def _run_frozen(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_executable(bundle)), *args],
        cwd=tmp_path,
        env=_frozen_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_frozen_smoke_test_builds_every_page_and_exports(bundle: Path, tmp_path: Path) -> None:
    done = _run_frozen(bundle, tmp_path, "--smoke-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Smoke-Test bestanden" in done.stdout
    assert "Traceback" not in done.stderr
    # i18n logs a warning when Qt's German strings are missing from the bundle.
    assert "qtbase_de nicht gefunden" not in done.stderr


def test_frozen_export_prints_german_formats(bundle: Path, tmp_path: Path) -> None:
    # Without a display the program exports the example to ./out: a check of the trimmed
    # babel locale data, the fonts and the profile as the frozen program sees them.
    done = _run_frozen(bundle, tmp_path, "--no-display")
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "out" / "FB_56_0319_WP18.pdf"
    text = body_text(pdf.read_bytes())
    assert "FB 56/0319/WP18" in text
    assert "Sachstandsbericht zum Kommunalen Integrationsmanagement" in text
    assert "18.10.2023" in text
    assert "0,00" in text


def test_bundle_holds_resources_and_german_qt_strings_only(bundle: Path) -> None:
    internal = bundle / "_internal"
    resources = internal / "resources"
    for part in [
        ("fonts", "LiberationSans-Regular.ttf"),
        ("fonts", "LiberationSans-Bold.ttf"),
        ("fonts", "LICENSE-LiberationSans.txt"),
        ("profiles", "aachen.json"),
        ("examples", "FB_56_0319_WP18.vorlage.json"),
        ("schema", "vorlage-1.schema.json"),
        ("icc", "sRGB.icc"),
    ]:
        assert resources.joinpath(*part).is_file(), part
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    assert translations == ["qtbase_de.qm"]
    babel = sorted(p.stem for p in internal.rglob("locale-data/*.dat"))
    assert babel == ["de", "de_DE", "root"]


def test_bundle_leaves_out_unused_qt_modules(bundle: Path) -> None:
    pyside = bundle / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.iterdir() if p.name.startswith("Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= modules
    assert not modules & {
        "QtNetwork",
        "QtQml",
        "QtQuick",
        "QtSql",
        "QtTest",
        "QtDBus",
        "QtOpenGL",
        "QtUiTools",
        "QtXml",
        "QtPrintSupport",
    }
