"""docs/import-oparl.md is correct as written (issue 18): every ```console example runs, in the
document's order, in a fresh folder with this checkout's `vorlage` and prints exactly what the
document shows ("…" on a line of its own stands for lines left out); the files come out as the
text says, and the paper.json excerpt is a part of the real export.

tests/packaging/test_documented_commands.py runs the same commands as a new colleague would
(exit code only); this test compares their output with the document."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from forms import projectfile
from tests.conftest import ROOT
from tests.forms.clirun import vorlage

DOC = ROOT / "docs" / "import-oparl.md"
EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
# The excerpt says so: these depend on the PDF, which carries its printing date.
VARIES = {"size", "sha512Checksum"}

pytestmark = pytest.mark.slow


def console_examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) of every ```console block, in order."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def shown_as(expected: list[str], output: str) -> bool:
    pattern = "".join(
        r"(?:.*\n)*?" if line.strip() == "…" else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, output) is not None


def _differences(excerpt: Any, actual: Any, where: str = "paper") -> list[str]:
    if isinstance(excerpt, dict):
        if not isinstance(actual, dict):
            return [f"{where}: kein Objekt"]
        found = []
        for key, value in excerpt.items():
            if key not in actual:
                found.append(f"{where}.{key}: fehlt im Export")
            elif key not in VARIES:
                found += _differences(value, actual[key], f"{where}.{key}")
        return found
    if isinstance(excerpt, list):
        if not isinstance(actual, list) or len(actual) < len(excerpt):
            return [f"{where}: {actual!r} statt {excerpt!r}"]
        return [d for i, x in enumerate(excerpt) for d in _differences(x, actual[i], where)]
    return [] if excerpt == actual else [f"{where}: Export {actual!r}, Text {excerpt!r}"]


def test_the_examples_are_found() -> None:
    commands = [command for command, _ in console_examples(DOC.read_text("utf-8"))]
    assert commands[0].startswith(".venv/bin/vorlage import resources/examples/")
    assert any(c.endswith("-o kopiert.vorlage.json") for c in commands)
    assert any(c.startswith(".venv/bin/vorlage import uebergabe/paper.json") for c in commands)
    assert shown_as(["a", "…", "d"], "a\nb\nc\nd\n") and not shown_as(["a", "d"], "a\nb\nd\n")


def test_every_console_example_prints_what_the_document_shows(tmp_path: Path) -> None:
    text = DOC.read_text("utf-8")
    # The examples name files of the checkout (the seed page, the copied-text fixture).
    for name in ("resources", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    wrong = []
    for command, expected in console_examples(text):
        program, *args = shlex.split(command)
        assert program == ".venv/bin/vorlage", command
        done = vorlage(*args, cwd=tmp_path)
        if done.returncode != 0 or not shown_as(expected, done.stdout):
            wrong.append(f"$ {command}\n(Exit {done.returncode})\n{done.stdout}{done.stderr}")
    assert not wrong, "\n".join(wrong)

    # "wird dabei genau zur Beispiel-Projektdatei"
    kim = tmp_path / "kim.vorlage.json"
    assert kim.read_bytes() == EXAMPLE.read_bytes()
    # PDF and OParl: the same project; an amount "0" comes back written "0.00".
    for name in ("aus-pdf.vorlage.json", "aus-oparl.vorlage.json"):
        back = tmp_path / name
        assert projectfile.load(back) == projectfile.load(kim), name
        assert back.read_text("utf-8").replace('"0.00"', '"0"') == kim.read_text("utf-8"), name

    # The excerpt of paper.json is what the export wrote (left out: timestamps and more).
    (excerpt,) = re.findall(r"```json\n(.*?)```", text, re.S)
    paper = json.loads((tmp_path / "uebergabe" / "paper.json").read_text("utf-8"))
    assert _differences(json.loads(excerpt), paper) == []


def test_every_test_the_rules_table_names_exists() -> None:
    table = DOC.read_text("utf-8").split("### Die Regeln und ihre Tests", 1)[1]
    table = table.split("\n## ", 1)[0]
    named = re.findall(r"`((?:[\w/]+\.py)?)::(\w+)`", table)
    assert len(named) > 40
    missing = []
    path = ""
    for file, name in named:
        if file:
            path = file if file.startswith("tests/") else f"tests/forms/imports/{file}"
        assert path, name
        source = (ROOT / path).read_text("utf-8")
        if not re.search(rf"^def {name}\(", source, re.M):
            missing.append(f"{path}::{name}")
    assert missing == []
