from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests (hypothesis). The machine is small and shared: "dev" is quick; "ci" is
# deterministic (same examples on every run, so CI never flakes on a new random example);
# "thorough" is for a manual hunt: HYPOTHESIS_PROFILE=thorough ./scripts/test tests/forms.
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Qt never needs a display in the test suite.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Only the shipped profiles: a profile in the developer's own or the machine's profile folder
# (forms/profiles.py) must not change what the tests see. Child processes inherit this.
_NO_PROFILES = Path(tempfile.gettempdir()) / "vorlage-tests-ohne-profile"
os.environ["VORLAGE_PROFILE_BENUTZER"] = str(_NO_PROFILES / "benutzer")
os.environ["VORLAGE_PROFILE_ORGANISATION"] = ""
# Decided, as an IT department would: the wizard does not ask for a profile on first start
# (tests of that question and of the default remove it).
os.environ["VORLAGE_PROFIL"] = "aachen"
# Nor the developer's own Textbausteine (forms/textbausteine.py; tests that save set their own).
os.environ["VORLAGE_TEXTBAUSTEINE"] = str(_NO_PROFILES / "textbausteine.json")

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
