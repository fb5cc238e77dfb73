"""Build the one-folder bundle, smoke-test both programs in it and, on Windows, the installer.

    python scripts/build_bundle.py                       # dist/vorlagen-assistent/
    python scripts/build_bundle.py --smoke-test          # … and run both frozen programs
    python scripts/build_bundle.py --smoke-test --installer   # … and Inno Setup (Windows)
    python scripts/build_bundle.py --skip-build --smoke-test  # test an existing bundle

The Windows workflow (.github/workflows/windows.yml) and tests/packaging call exactly this, so
every step the Windows runner takes except ISCC itself also runs on Linux in ./scripts/test.
Exit code 0 when all steps passed, 1 when a check failed, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "vorlagen-assistent"
CLI_NAME = "vorlage"
ISS = ROOT / "install" / "windows" / "vorlagen-assistent.iss"
EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
WINDOWS = sys.platform == "win32"


def _versioninfo():
    spec = importlib.util.spec_from_file_location(
        "vorlagen_versioninfo", ROOT / "install" / "versioninfo.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def executable(bundle: Path, name: str) -> Path:
    return bundle / (name + (".exe" if WINDOWS else ""))


def build(dist: Path, work: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(ROOT / "build.spec"),
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-6000:], file=sys.stderr)
        raise SystemExit(f"PyInstaller fehlgeschlagen (Exit {done.returncode})")
    return dist / NAME


def clean_env(home: Path) -> dict[str, str]:
    """What a clerk's session looks like: no display, no virtualenv, no source tree, fresh home."""
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(key, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
    )
    return env


def smoke_test(bundle: Path) -> bool:
    """Run both frozen programs the way the clerks and scripts will; print one line per check."""
    version = _versioninfo().build_info(ROOT).version
    ok = True
    with tempfile.TemporaryDirectory(prefix="vorlagen-frozen-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        pdf = home / "beispiel.pdf"
        checks = [
            # The windowed program has no console on Windows: only its exit code counts there.
            (NAME, ["--smoke-test"], None),
            (CLI_NAME, ["--version"], f"{CLI_NAME} {version}"),
            (CLI_NAME, ["validate", str(EXAMPLE)], None),
            (CLI_NAME, ["pdf", str(EXAMPLE), "-o", str(pdf)], None),
            (CLI_NAME, ["check-pdf", str(pdf)], "Regeln erfüllt"),
        ]
        if not WINDOWS:
            checks.insert(1, (NAME, ["--version"], f"{NAME} {version}"))
        for name, args, expected in checks:
            program = executable(bundle, name)
            done = subprocess.run(
                [str(program), *args],
                cwd=home,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=300,
            )
            passed = done.returncode == 0 and (expected is None or expected in done.stdout)
            passed = passed and "Traceback" not in done.stderr
            print(f"{'OK    ' if passed else 'FEHLER'}  {program.name} {' '.join(args[:1])}")
            if not passed:
                print(done.stdout[-2000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
            ok = ok and passed
    return ok


def folder_size(bundle: Path) -> tuple[int, int]:
    # Symlinks (PyInstaller links Qt's libraries into _internal/ on Linux) count once, as du does.
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.is_file():
            return str(candidate)
    return None


def iscc_defines(bundle: Path, out: Path) -> dict[str, str]:
    """The preprocessor variables the .iss expects (its #ifndef … #error lines)."""
    info = _versioninfo().build_info(ROOT)
    return {
        "AppVersion": info.version,
        "AppVersionNumeric": ".".join(str(n) for n in info.numeric),
        "Company": info.company,
        "BundleDir": str(bundle),
        "SourceRoot": str(ROOT),
        "OutputDir": str(out),
    }


def installer(bundle: Path, out: Path) -> Path:
    iscc = find_iscc()
    if iscc is None:
        print(
            "Inno Setup 6 (ISCC.exe) nicht gefunden – das Installationsprogramm entsteht nur "
            "unter Windows (siehe docs/packaging.md).",
            file=sys.stderr,
        )
        raise SystemExit(2)
    out.mkdir(parents=True, exist_ok=True)
    defines = [f"/D{key}={value}" for key, value in iscc_defines(bundle, out).items()]
    done = subprocess.run([iscc, "/Qp", *defines, str(ISS)], cwd=ISS.parent)
    if done.returncode != 0:
        raise SystemExit(f"ISCC fehlgeschlagen (Exit {done.returncode})")
    setups = sorted(out.glob("vorlagen-assistent-*-setup.exe"))
    if not setups:
        raise SystemExit(f"ISCC meldete Erfolg, aber in {out} liegt kein Setup")
    return setups[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bundle bauen, testen und verpacken")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="Zielordner des Bundles")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="Arbeitsordner")
    parser.add_argument("--skip-build", action="store_true", help="vorhandenes Bundle verwenden")
    parser.add_argument("--smoke-test", action="store_true", help="beide Programme gefroren testen")
    parser.add_argument("--installer", action="store_true", help="Inno-Setup-Installer bauen")
    args = parser.parse_args(argv)

    bundle = args.dist / NAME
    if not args.skip_build:
        bundle = build(args.dist, args.work)
    if not executable(bundle, NAME).is_file() or not executable(bundle, CLI_NAME).is_file():
        print(f"Im Bundle {bundle} fehlt ein Programm.", file=sys.stderr)
        return 1
    size, count = folder_size(bundle)
    print(f"Bundle: {bundle} – {size / 1e6:.0f} MB in {count} Dateien")
    if args.smoke_test and not smoke_test(bundle):
        return 1
    if args.installer:
        setup = installer(bundle, args.dist)
        print(f"Installationsprogramm: {setup} – {setup.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
