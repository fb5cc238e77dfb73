"""forms.startgc: collection held off during a `vorlage` start, and always given back."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms import startgc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "FB_56_0319_WP18.vorlage.json"


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the collector, the test process gets it back as it was."""
    was = gc.isenabled()
    yield
    startgc.release()
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_hold_stops_collection_and_release_freezes_and_restarts_it(collector: None) -> None:
    gc.enable()
    gc.unfreeze()
    startgc.hold()
    assert not gc.isenabled()
    kept = [[i] for i in range(1000)]  # what a start builds and keeps
    startgc.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    startgc.release()  # twice is harmless
    assert gc.isenabled()


def test_release_without_hold_changes_nothing(collector: None) -> None:
    gc.enable()
    gc.unfreeze()
    startgc.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_collection_turned_off_by_the_caller_stays_off(collector: None) -> None:
    gc.disable()
    startgc.hold()
    startgc.release()
    assert not gc.isenabled()


@pytest.mark.parametrize("command", [["validate"], ["pdf", "-o", "-"]])
def test_a_vorlage_process_collects_again_once_its_command_has_its_modules(
    command: list[str],
) -> None:
    # Checked inside the real entry point: the render (and the validate output) run with
    # the collector on and the imported modules frozen.
    probe = (
        "import gc, sys\n"
        "import forms.__main__ as entry\n"
        "import forms.rules as rules\n"
        "seen = []\n"
        "original = rules.problems\n"
        "def problems(*a, **k):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 10000))\n"
        "    return original(*a, **k)\n"
        "rules.problems = problems\n"
        "import forms.cli.commands as commands\n"
        "commands.problems = problems\n"
        f"sys.argv = ['vorlage', *{command!r}, {str(EXAMPLE)!r}]\n"
        "code = entry.run()\n"
        "print(seen, gc.isenabled(), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120, cwd=ROOT)
    said = done.stderr.decode("utf-8").strip()
    assert done.returncode == 0, said
    assert said.splitlines()[-1] == "[(True, True)] True"
    if command[0] == "pdf":
        assert done.stdout.startswith(b"%PDF-")
