"""Placeholder until the renderer lands (issue 2): keeps the public signature stable."""

from __future__ import annotations

import os
from collections.abc import Callable

from forms.model import Vorlage
from forms.profile import Profile

# progress(done, total): called from the rendering thread; must not touch any GUI object.
ProgressCallback = Callable[[int, int], None]


def render(
    vorlage: Vorlage,
    *,
    profile: Profile | None = None,
    progress: ProgressCallback | None = None,
    entwurf: bool = False,
) -> bytes:
    raise NotImplementedError("PDF renderer not yet implemented")


def render_to_file(
    vorlage: Vorlage,
    path: str | os.PathLike[str],
    *,
    profile: Profile | None = None,
    progress: ProgressCallback | None = None,
    entwurf: bool = False,
) -> None:
    from pathlib import Path

    from forms.projectfile import write_atomic

    data = render(vorlage, profile=profile, progress=progress, entwurf=entwurf)
    write_atomic(Path(path), data)
