"""Hostile files for the readers' tests, checked by what the OS saw rather than by a clock."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WAITING = b"Betreff: aus der Pipe\n"


@contextmanager
def fifo_with_waiting_text(path: Path) -> Iterator[Callable[[], bytes]]:
    """A FIFO at `path` with a writer and `WAITING` in it; yields what is still unread.

    With a writer present, opening the FIFO to read does not block: a reader that should have
    refused the FIFO takes the waiting text, which the check then misses. (Reading on to the
    end would wait for more, as on a real pipe; no clock bound could catch that either.)
    """
    os.mkfifo(path)
    fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # Linux: both ends in one descriptor
    os.write(fd, WAITING)

    def unread() -> bytes:
        try:
            return os.read(fd, 65536)
        except BlockingIOError:
            return b""

    try:
        yield unread
    finally:
        os.close(fd)
