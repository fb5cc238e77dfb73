"""A clock for `Document(clock=)` (when keystrokes reach the model; bursts of typing are one
undo step): a pause in typing is a number the test adds, never a sleep."""

from __future__ import annotations


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
