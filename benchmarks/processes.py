"""Child processes for the benchmarks: a clean environment, timed starts and runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            # A clean user profile: no recovery prompt, no settings from a previous session.
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "APPDATA": str(home / "appdata"),
            "LOCALAPPDATA": str(home / "localappdata"),
            # The profile decided, as on every start after the first: with two profiles
            # installed a first start asks which one (a dialog before the window).
            "VORLAGE_PROFIL": "aachen",
            # Bytecode cached as in an installation (pip and the bundle ship .pyc files): a
            # PYTHONDONTWRITEBYTECODE=1 shell would otherwise recompile every module of the
            # app – but not of the floors, whose libraries come with .pyc – in every child.
            "PYTHONPYCACHEPREFIX": str(home / "pycache"),
            "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(
                os.pathsep
            ),
        }
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_json(args: list[str], env: dict[str, str], timeout: float = 600) -> dict:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(args[-3:])}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def timed_start(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Seconds from process start to the child's reported event (monotonic clock, system-wide)."""
    started = time.monotonic()
    result = run_json(args, env, timeout=120)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["shown"] - started, result


def timed_process(args: list[str], env: dict[str, str], timeout: float = 300) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        command = " ".join(map(str, args))
        raise RuntimeError(f"{command}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return seconds


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
