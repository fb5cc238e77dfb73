"""`vorlage` (`python -m forms`) as a real process, for the CLI tests: this checkout's forms/
(PYTHONPATH, not whatever the editable install points at), a timeout instead of a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

TIMEOUT = 300


def _run(args: tuple[str | Path, ...], cwd: Path, **how: Any) -> subprocess.CompletedProcess[Any]:
    return subprocess.run(
        [sys.executable, "-m", "forms", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        check=False,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        **how,
    )


def vorlage(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run in `cwd` (relative names as a clerk types them); output as text."""
    return _run(args, cwd, text=True)


def vorlage_bytes(
    *args: str | Path, stdin: bytes | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """The same with bytes in and out (`-` for stdin and stdout, a PDF on stdout)."""
    return _run(args, cwd, input=stdin)
