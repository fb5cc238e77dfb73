"""Every shell command in README.md and docs/*.md runs exactly as written, in a fresh copy.

The commands are taken from the documents themselves (```bash blocks, `$ ` lines of ```console
blocks, and inline `…` spans that start like a command), run one after another per document in
a copy of the tracked files with `.venv` and the test run's bundle as `dist/` – as a new
colleague would after `./scripts/test`, without an activated virtualenv and without a display.
A command that cannot run here is listed in SKIP with the reason; a new one is run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Inline spans in prose count as commands when they start like one (not "scripts/x.py --flag",
# which names a flag), and hold no placeholder such as DATEI or ORDNER.
COMMAND_START = ("./scripts/", ".venv/bin/")
PLACEHOLDER = re.compile(r"\b[A-ZÄÖÜ]{4,}\b")
# Prefix -> why it does not run inside the test suite.
SKIP = {
    "./scripts/test": "ist der Befehl, der diese Tests ausführt",
    "./scripts/run": "installiert in die .venv dieses Testlaufs (scripts/_setup.sh, wie "
    "./scripts/test) und startet dann das Programm, das hier als .venv/bin/… läuft",
    "scripts/lock": "löst gegen PyPI neu auf und überschreibt die Lock-Dateien",
    ".venv/bin/python benchmarks/": "Messlauf über Minuten (benchmarks/ ist kein Test)",
    ".venv/bin/python scripts/build_bundle.py": "baut das Bündel; die Fixture baut es einmal "
    "mit genau diesem Skript",
    ".venv/bin/pyinstaller build.spec": "baut das Bündel; die Fixture baut es einmal",
}

pytestmark = pytest.mark.slow


def _strip_comment(line: str) -> str:
    return re.sub(r"\s+#\s.*$", "", line).strip()


def documented_commands(document: Path) -> list[str]:
    text = document.read_text("utf-8")
    commands: list[str] = []
    for match in re.finditer(r"```(\w*)\n(.*?)```", text, re.S):
        language, body = match.group(1), match.group(2)
        for line in body.splitlines():
            if language in {"bash", "sh", "shell"} and line.strip() and not line.startswith("#"):
                commands.append(_strip_comment(line))
            elif language == "console" and line.startswith("$ "):
                commands.append(_strip_comment(line[2:]))
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`]+)`", prose):
        command = " ".join(span.split())
        if command.startswith(COMMAND_START) and not command.endswith("/"):
            if PLACEHOLDER.search(command):
                continue
            commands.append(command)
    return list(dict.fromkeys(commands))


def _skip_reason(command: str) -> str | None:
    for prefix, reason in SKIP.items():
        if command.startswith(prefix):
            return reason
    return None


def test_commands_are_found() -> None:
    # The extraction itself: it must see the README's CLI examples and the frozen smoke test.
    readme = documented_commands(ROOT / "README.md")
    assert any(c.startswith(".venv/bin/vorlage validate ") for c in readme)
    assert ".venv/bin/vorlagen-assistent --smoke-test" in readme
    assert "./scripts/test" in readme


def _fresh_copy(target: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _runnable(document: Path) -> list[str]:
    return [c for c in documented_commands(document) if _skip_reason(c) is None]


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if _runnable(d)], ids=lambda p: p.name)
def test_documented_commands_run_as_written(document: Path, bundle: Path, tmp_path: Path) -> None:
    commands = _runnable(document)
    clone = tmp_path / "klon"
    _fresh_copy(clone)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    (clone / "dist").symlink_to(bundle.parent)
    home = tmp_path / "home"
    home.mkdir()
    venv_bin = str(ROOT / ".venv" / "bin")
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    for key in ("VIRTUAL_ENV", "PYTHONPATH", "QT_QPA_PLATFORM"):
        env.pop(key, None)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"), VORLAGEN_VENV=str(ROOT / ".venv"))
    failures = []
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        allowed = (
            {0, 1} if "Exit 0/1" in document.read_text("utf-8").split(command, 1)[-1][:80] else {0}
        )
        if done.returncode not in allowed or "Traceback" in done.stderr:
            failures.append(f"{command}\n  Exit {done.returncode}: {done.stderr.strip()[-600:]}")
    assert not failures, f"{document.name}:\n" + "\n".join(failures)
