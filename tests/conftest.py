from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt never needs a display in the test suite.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"
# The seed page as the RIS shows it (copy of shared/seeds/000_0783435b52e9df49.txt).
SEED = ROOT / "resources" / "examples" / "FB_56_0319_WP18.ratsinfo.txt"


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example():
    from forms import projectfile

    return projectfile.load(EXAMPLE)
