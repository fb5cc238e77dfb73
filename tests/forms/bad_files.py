"""Shared by the bad-input tests: the file name, the German message stems, the CLI in a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

NAME = "fall.vorlage.json"
SRC = f"Die Datei „{NAME}“"
NOT_A_VORLAGE = (
    f"{SRC} enthält keine Vorlage: erwartet wird ein JSON-Objekt mit „schema_version“ und "
    "„vorlage“, gefunden wurde "
)
NOT_PROJECT = "Projektdateien des Vorlagen-Assistenten enden auf „.vorlage.json“."


def doc(vorlage: dict[str, Any]) -> bytes:
    return json.dumps({"schema_version": 1, "vorlage": vorlage}).encode()


def cli_run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def assert_cli_refuses(args: list[str | Path], message: str) -> None:
    result = cli_run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Fehler: {message}\n")
