"""The repository's own scripts and install files as modules, for the packaging tests: the tests
call what the build and the Windows workflow call instead of restating it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_file(name: str, path: Path) -> ModuleType:
    """Import the Python file at `path` (not on the import path) as module `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build_script() -> ModuleType:
    """scripts/build_bundle.py: the build, its smoke test and the clerk's clean environment."""
    return load_file("build_bundle", ROOT / "scripts" / "build_bundle.py")
