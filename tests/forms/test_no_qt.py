"""forms/ must run without Qt: import every module with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "desktop"}:
            raise ImportError(f"forms must not import {name}")
        return None

sys.meta_path.insert(0, Block())
import forms
names = [m.name for m in pkgutil.walk_packages(forms.__path__, "forms.")]
for name in names:
    if name != "forms.__main__":
        importlib.import_module(name)
print(len(names))
"""


def test_every_forms_module_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 8
