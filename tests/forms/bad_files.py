"""Shared by the bad-input tests: the file name, the German message stems, the CLI in a process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.forms.test_cli import vorlage as cli_run  # the CLI in a real process

NAME = "fall.vorlage.json"
SRC = f"Die Datei „{NAME}“"
NOT_A_VORLAGE = (
    f"{SRC} enthält keine Vorlage: erwartet wird ein JSON-Objekt mit „schema_version“ und "
    "„vorlage“, gefunden wurde "
)
NOT_PROJECT = "Projektdateien des Vorlagen-Assistenten enden auf „.vorlage.json“."


def doc(vorlage: dict[str, Any]) -> bytes:
    return json.dumps({"schema_version": 1, "vorlage": vorlage}).encode()


def assert_cli_refuses(args: list[str | Path], message: str) -> None:
    result = cli_run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Fehler: {message}\n")


# Tests run as root, so a child process drops to "nobody" to meet permissions.
NOBODY = 65534


def in_child(func: Callable[[], str], *, as_nobody: bool = True) -> str:
    """Run `func` in a forked child (as user nobody when we are root); return its result or
    the text of the exception it raised."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            if as_nobody and os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            result = func()
        except BaseException as exc:  # everything goes back to the parent as text
            result = f"{type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        output = handle.read().decode()
    os.waitpid(pid, 0)
    return output
