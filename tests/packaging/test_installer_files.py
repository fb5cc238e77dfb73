"""The Windows installer definition and workflow, checked on Linux where ISCC cannot run.

ISCC and the Windows runner are out of reach here; what can be checked is that the two agree
with what is here: every variable the .iss needs is passed by scripts/build_bundle.py, every
file it names exists, it stays per-user, and each workflow step calls something that exists.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.packaging.scripts import ROOT, build_script

ISS_BYTES = (ROOT / "install" / "windows" / "vorlagen-assistent.iss").read_bytes()
ISS = ISS_BYTES.decode("utf-8-sig")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")


def _section(name: str) -> list[str]:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.S | re.M)
    assert match, name
    return [line for line in match.group(1).splitlines() if line and not line.startswith(";")]


def test_script_is_utf8_with_bom_for_its_german_text() -> None:
    assert ISS_BYTES.startswith(b"\xef\xbb\xbf")
    assert "Öffnen" in ISS


def test_build_script_passes_exactly_the_variables_the_script_requires(tmp_path: Path) -> None:
    required = set(re.findall(r"^#ifndef (\w+)", ISS, re.M))
    defined_inside = set(re.findall(r"^#define (\w+)", ISS, re.M))
    used = set(re.findall(r"\{#(\w+)\}", ISS))
    defines = build_script().iscc_defines(tmp_path / "bundle", tmp_path / "out")
    assert required == set(defines)
    assert used <= required | defined_inside, used - required - defined_inside
    assert defines["AppVersion"] in defines["AppVersionNumeric"]
    assert defines["Company"] == "Stadt Aachen"
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", defines["AppVersionNumeric"])


def test_installer_is_per_user_with_start_menu_association_and_uninstaller() -> None:
    setup = dict(line.split("=", 1) for line in _section("Setup"))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["ChangesAssociations"] == "yes"
    assert "Uninstallable" not in setup or setup["Uninstallable"] == "yes"
    assert setup["SetupIconFile"] == r"{#SourceRoot}\resources\icons\vorlagen-assistent.ico"
    assert (ROOT / "resources" / "icons" / "vorlagen-assistent.ico").is_file()
    # A fixed AppId, so updates and the uninstaller find the installation.
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    assert any(line.startswith('Name: "{autoprograms}') for line in _section("Icons"))
    registry = _section("Registry")
    # Per user only: HKA is HKCU without admin rights; HKLM/HKCR would need elevation.
    assert all(line.startswith("Root: HKA;") for line in registry)
    text = "\n".join(registry)
    assert 'ValueData: "Vorlagen-Assistent Projekt"' in text
    assert r"vorlage-projekt.ico,0" in text
    assert '"""{app}\\{#AppExe}"" ""%1"""' in text
    # Everything written is removed again by the uninstaller.
    for line in registry:
        if "OpenWithProgids" in line:
            assert "uninsdeletevalue" in line
    assert sum("uninsdeletekey" in line for line in registry) >= 2


def test_workflow_installs_from_the_lock_and_calls_the_testedbuild_script() -> None:
    runs = re.findall(r"\.venv\\Scripts\\python (?:-m pip install )?(.+)", WORKFLOW)
    assert "--require-hashes -r requirements\\build.txt" in runs
    assert (ROOT / "requirements" / "build.txt").is_file()
    (build,) = [r for r in runs if r.startswith("scripts\\build_bundle.py")]
    args = build.split()[1:]
    assert {"--smoke-test", "--installer"} <= set(args)
    # The flags exist (argparse would exit 2 on the runner otherwise).
    parser_help = (ROOT / "scripts" / "build_bundle.py").read_text("utf-8")
    for flag in args:
        assert f'"{flag}"' in parser_help, flag
    assert "upload-artifact" in WORKFLOW
    assert 'python-version: "3.11"' in WORKFLOW
