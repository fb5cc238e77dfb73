"""Garbage collection held off while a short process imports what it keeps (issue 19).

`vorlage pdf` imports pydantic, reportlab and the model's validators before it reads a file:
hundreds of thousands of new objects, none of them garbage, all living as long as the
process. The collector starts a pass after every 700 new objects, and its full passes walk
everything built so far, so the start paid for collections that freed nothing. Held off
until the imports are done, then frozen (never walked again), the collector runs as usual for
the file's own work. Measured on the seed, whole process, median of 11 alternating runs:
494 → 378 ms (benchmarks/run.py, section export).

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
