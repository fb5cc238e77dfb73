"""Fixtures of the forms/ tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def shared_dir(tmp_path: Path) -> Path:
    # pytest's tmp_path is private to root (0700); nobody needs to reach the files inside.
    folder = tmp_path / "geteilt"
    folder.mkdir()
    for parent in (folder, *folder.parents):
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    folder.chmod(0o777)
    return folder
