"""`vorlage` (`python -m forms`) as a real process, for the CLI tests: this checkout's forms/
(PYTHONPATH, not whatever the editable install points at), a timeout instead of a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

TIMEOUT = 300


def _command(args: tuple[str | Path, ...]) -> list[str]:
    return [sys.executable, "-m", "forms", *map(str, args)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def vorlage(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run in `cwd` (relative names as a clerk types them); output as text."""
    return subprocess.run(
        _command(args),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env=_env(),
    )


def vorlage_bytes(
    *args: str | Path, stdin: bytes | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """The same with bytes in and out (`-` for stdin and stdout, a PDF on stdout)."""
    return subprocess.run(
        _command(args),
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=TIMEOUT,
        env=_env(),
    )
