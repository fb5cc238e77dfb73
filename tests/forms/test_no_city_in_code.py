"""Everything city-specific comes from the profile: the program's code names no city.

Aachen's names, numbers and people live in resources/profiles/aachen.json and its example
(resources/examples/FB_56_0319_WP18.*), nowhere in forms/ or desktop/ (issue 16)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

# What only the Aachen profile may say: the city, its Oberbürgermeisterin, its Dienststellen
# ("FB 56", "E 26", "B 0"), its Vorlage-Nr. format ("…/WP18") and its example's file name.
AACHEN = re.compile(
    r"aachen|keupen|oberbürgermeisterin|\bFB ?\d|\bE \d\d\b|/WP\d|FB_56|\bWP\d\d\b",
    re.IGNORECASE,
)


def test_no_aachen_specific_string_in_the_programs_code() -> None:
    found = []
    for folder in ("forms", "desktop"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if AACHEN.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "city-specific text belongs in the profile:\n" + "\n".join(found)


def test_the_pattern_finds_what_the_aachen_profile_says() -> None:
    profile = (ROOT / "resources" / "profiles" / "aachen.json").read_text(encoding="utf-8")
    for needle in ("Stadt Aachen", "Sibylle Keupen", "FB 56", "FB 56/0319/WP18", "E 26"):
        assert needle in profile and AACHEN.search(needle), needle
    musterstadt = (ROOT / "resources" / "profiles" / "musterstadt.json").read_text("utf-8")
    assert not AACHEN.search(musterstadt)
