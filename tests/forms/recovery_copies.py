"""Recovery copies as other sessions leave them, for the tests of forms/recovery.py and of the
wizard's start: written by a session that is then killed, or written by hand with damage."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

from forms import projectfile, recovery
from forms.model import Vorlage

DROP = object()  # as a value in write_copy(): leave the field out


def vorlage(betreff: str) -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = betreff
    return v


def _write_and_die(folder: str, source: str | None, betreff: str) -> None:
    session = recovery.RecoverySession(Path(folder))
    session.write(vorlage(betreff), Path(source) if source else None)
    os.kill(os.getpid(), signal.SIGKILL)


def killed_session(folder: Path, source: Path | None, betreff: str) -> None:
    """A real session in a child process writes its copy and is killed with SIGKILL."""
    child = multiprocessing.get_context("fork").Process(
        target=_write_and_die, args=(str(folder), str(source) if source else None, betreff)
    )
    child.start()
    child.join()
    assert child.exitcode == -signal.SIGKILL


def write_copy(folder: Path, name: str, betreff: str, **changes: object) -> Path:
    """A copy as a killed session leaves it (no lock held), with `changes` to its fields."""
    document: dict[str, object] = {
        "wiederherstellung": recovery.FORMAT,
        "saved_at": "2025-03-14T09:30:00.000+01:00",
        "source": None,
        "document": json.loads(projectfile.dumps(vorlage(betreff))),
    }
    document.update(changes)
    for key in [k for k, v in changes.items() if v is DROP]:
        del document[key]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{recovery.COPY_SUFFIX}"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
