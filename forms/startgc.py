"""Garbage collection held off while a short process imports what it keeps (issue 19).

`vorlage pdf` imports pydantic, reportlab and the model's validators before it reads a file:
tens of thousands of objects the collector tracks, none of them garbage, all living as long as
the process. The collector starts a pass after every 700 new objects and keeps walking the
survivors; a whole `vorlage pdf` of the seed made 173 young, 15 middle and one full pass.
Held off until the imports are done, then frozen (never walked again; ~64 000 objects), it
makes 97, 8 and none. Measured on the seed, CPU of the whole process, median of 11
alternating runs: 452 → 375 ms (docs/performance.md).

The wizard does not use this: its start defers the model until after the first paint, and
holding collection off there measured no difference (225 vs 220 ms); it freezes its start-up
objects itself (desktop.startup.prepare_event_loop).
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """No collections until `release()`; a no-op when collection is already off."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Freeze what exists now and collect as usual again (only what `hold()` turned off)."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
