"""The frozen program: build the PyInstaller bundle from build.spec and run it as a clerk would.

Slow (about a minute, most of it PyInstaller's analysis) but part of the README's test command:
a spec that no longer builds, a resource missing from the bundle or a module PyInstaller cannot
see would otherwise only show up on the clerks' machines.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.forms.pdfutil import body_text
from tests.packaging.scripts import build_script

pytest.importorskip("PyInstaller", reason="pyinstaller fehlt: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[2]
NAME = "vorlagen-assistent"
CLI_NAME = "vorlage"

pytestmark = pytest.mark.slow


# What a clerk's session looks like (no display, no virtualenv or source tree, a fresh home),
# exactly as the build script's own smoke test runs the bundle.
_BUILD = build_script()
_frozen_env = _BUILD.clean_env
_executable = _BUILD.executable


def _run_frozen(
    bundle: Path, tmp_path: Path, *args: str, program: str = NAME, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_executable(bundle, program)), *args],
        input=stdin,
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
    # PDFium (pypdfium2) showed page 1 of the export, QtPrintSupport printed it (issue 15).
    assert "Vorschau Seite 1 gezeigt, Seite 1 gedruckt" in done.stdout
    # Spell checking inside the frozen program: the shipped dictionary found by Hunspell (the
    # library from the chunspell wheel) and a misspelt word underlined in the Erläuterungen.
    assert "„Maßnahmme“ rot unterstrichen" in done.stdout
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
        ("fonts", "DejaVuSans.ttf"),
        ("fonts", "DejaVuSans-Bold.ttf"),
        ("fonts", "LICENSE-DejaVuSans.txt"),
        ("fonts", "coverage.txt"),
        ("profiles", "aachen.json"),
        ("examples", "FB_56_0319_WP18.vorlage.json"),
        ("schema", "vorlage-1.schema.json"),
        ("schema", "vorlage-2.schema.json"),
        ("schema", "vorlage-3.schema.json"),
        ("schema", "profil-1.schema.json"),
        ("profiles", "musterstadt.json"),
        ("icc", "sRGB.icc"),
        ("spelling", "de_DE.aff"),
        ("spelling", "de_DE.dic"),
        ("spelling", "LICENSE-de_DE.txt"),
        ("spelling", "GPL-2.txt"),
        ("spelling", "GPL-3.txt"),
        ("spelling", "LICENSE-hunspell.txt"),
    ]:
        assert resources.joinpath(*part).is_file(), part
    # Hunspell comes inside chunspell's extension module; both notices ship with it.
    assert list(internal.glob("chunspell-*.dist-info/licenses/LICENSE"))
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    assert translations == ["qtbase_de.qm"]
    babel = sorted(p.stem for p in internal.rglob("locale-data/*.dat"))
    assert babel == ["de", "de_DE", "root"]


def test_bundle_leaves_out_unused_qt_modules(bundle: Path) -> None:
    pyside = bundle / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.iterdir() if p.name.startswith("Qt")}
    # QtPrintSupport for Drucken; the Vorschau uses PDFium from pypdfium2, not QtPdf.
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= modules
    assert not modules & {
        "QtPdf",
        "QtPdfWidgets",
        "QtNetwork",
        "QtQml",
        "QtQuick",
        "QtSql",
        "QtTest",
        "QtDBus",
        "QtOpenGL",
        "QtUiTools",
        "QtXml",
    }
    internal = bundle / "_internal"
    assert list(internal.rglob("*pdfium*.so")) or list(internal.rglob("pdfium*.dll"))
    # Their licence notices ship beside the library (build.spec copies pypdfium2's metadata).
    licences = internal.glob("pypdfium2-*.dist-info/licenses/*/*.txt")
    assert {"BSD-3-Clause.txt", "Apache-2.0.txt", "pdfium.txt"} <= {p.name for p in licences}


def _pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_both_programs_report_the_pyproject_version(bundle: Path, tmp_path: Path) -> None:
    version = _pyproject_version()
    for program in (NAME, CLI_NAME):
        done = _run_frozen(bundle, tmp_path, "--version", program=program)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"{program} {version}"


def test_frozen_cli_validates_and_exports_from_the_same_bundle(
    bundle: Path, tmp_path: Path
) -> None:
    assert len(list(bundle.glob("*/"))) == 1, "beide Programme teilen sich _internal/"
    example = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
    done = _run_frozen(bundle, tmp_path, "validate", str(example), program=CLI_NAME)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _run_frozen(bundle, tmp_path, "pdf", str(example), "-o", "aus.pdf", program=CLI_NAME)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FB 56/0319/WP18" in body_text((tmp_path / "aus.pdf").read_bytes())
    # A bad file: German message, exit code 2, no traceback – frozen as in the source tree.
    (tmp_path / "kaputt.vorlage.json").write_text("{", encoding="utf-8")
    done = _run_frozen(bundle, tmp_path, "validate", "kaputt.vorlage.json", program=CLI_NAME)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "kaputt.vorlage.json" in done.stderr


def test_frozen_cli_does_not_load_qt(bundle: Path, tmp_path: Path) -> None:
    # The console program has its own analysis without Qt: it must start without Qt's
    # libraries, as a scripted call on a server would (checked by hiding them).
    env = _frozen_env(tmp_path)
    env["QT_PLUGIN_PATH"] = str(tmp_path / "kein-qt")
    done = subprocess.run(
        [str(_executable(bundle, CLI_NAME)), "schema"],
        env={**env, "LD_DEBUG": "libs"} if sys.platform.startswith("linux") else env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    json.loads(done.stdout)
    if sys.platform.startswith("linux"):
        loaded = [line for line in done.stderr.splitlines() if "calling init:" in line]
        assert loaded, "LD_DEBUG lieferte keine Bibliotheken"
        assert not [line for line in loaded if "Qt6" in line or "shiboken" in line]


def test_build_script_smoke_tests_both_programs(bundle: Path) -> None:
    # What the Windows workflow runs after building, against this bundle.
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_bundle.py"),
            "--skip-build",
            "--smoke-test",
            "--dist",
            str(bundle.parent),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(
        line.startswith("OK") and "vorlagen-assistent --smoke-test" in line for line in lines
    )
    assert any(line.startswith("OK") and "vorlage check-pdf" in line for line in lines)
    assert not any(line.startswith("FEHLER") for line in lines)


def test_bundle_holds_the_icons_the_installer_and_desktop_file_name(bundle: Path) -> None:
    icons = bundle / "_internal" / "resources" / "icons"
    for name in ("vorlagen-assistent.ico", "vorlage-projekt.ico", "vorlagen-assistent-256.png"):
        assert (icons / name).is_file(), name
    # Hilfe › Handbuch (F1) reads it from here in the frozen program.
    assert (bundle / "_internal" / "docs" / "handbuch.md").is_file()
    # The installer's DefaultIcon points here ({app}\_internal\resources\icons\…).
    iss = (ROOT / "install" / "windows" / "vorlagen-assistent.iss").read_text("utf-8")
    for match in re.findall(r"\{app\}\\([^\"\s,]+)", iss):
        relative = Path(*match.replace("{#AppExe}", NAME + ".exe").split("\\"))
        if relative.suffix == ".exe" and sys.platform != "win32":
            relative = relative.with_suffix("")
        assert (bundle / relative).exists(), relative


def test_bundle_leaves_out_the_gtk_stack(bundle: Path) -> None:
    # Only the GTK platform theme needed these; Qt's own dialogs are used (build.spec).
    gtk = re.compile(r"^lib(gtk|gdk|atk|cairo|pango|harfbuzz|gio-2|gdk_pixbuf|rsvg)")
    shipped = [p.name for p in (bundle / "_internal").rglob("*") if gtk.match(p.name)]
    assert shipped == []
    assert not list((bundle / "_internal").rglob("libqgtk3*"))


def test_desktop_integration_for_the_bundle(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    done = subprocess.run(
        [str(ROOT / "scripts" / "install-desktop-integration.sh"), "--bundle", str(bundle)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    entry = data / "applications" / "vorlagen-assistent.desktop"
    validate = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    text = entry.read_text("utf-8")
    assert f'Exec="{_executable(bundle, NAME)}" %f' in text
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "vorlagen-assistent.png").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "mimetypes" / "vorlage-projekt.png").is_file()
    # Qt reads the freedesktop MIME database the script updated: a second opinion on the type.
    probe = (
        "from PySide6.QtCore import QMimeDatabase as D;"
        "m=D().mimeTypeForFile('/x/FB.vorlage.json', D.MatchMode.MatchExtension);"
        "print(m.name(), m.iconName(), D().mimeTypeForFile('/x/a.json').name())"
    )
    seen = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert seen.stdout.split() == [
        "application/x-vorlagen-assistent-projekt",
        "vorlage-projekt",
        "application/json",
    ], seen.stderr
    done = subprocess.run(
        [str(ROOT / "scripts" / "install-desktop-integration.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not entry.exists()
    assert not (data / "mime" / "packages" / "vorlagen-assistent.xml").exists()
