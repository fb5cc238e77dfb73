"""argparse's own words in German for `vorlage` ("Aufruf:", "Optionen", "ungültige Auswahl" …).

argparse looks its messages up through `gettext` at call time (module globals `_` and
`ngettext`); `german_argparse()` swaps in this table while the CLI parses and prints help, and
restores the originals afterwards, so no other argparse user in the process is affected.
Keys are Python 3.11's argparse strings; an unknown one stays English rather than failing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

GERMAN: dict[str, str] = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",  # Python < 3.10
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "unrecognized arguments: %s": "unbekanntes Argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ungültige Auswahl: %(value)r (möglich: %(choices)s)"
    ),
    "the following arguments are required: %s": "es fehlt: %s",
    "argument %(argument_name)s: %(message)s": "Argument %(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "invalid %(type)s value: %(value)r": "ungültiger Wert (%(type)s): %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "mehrdeutige Option: %(option)s passt zu %(matches)s"
    ),
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
    "ignored explicit argument %r": "überzähliger Wert %r",
    "one of the arguments %s is required": "eines davon ist nötig: %s",
    "unexpected option string: %s": "unerwartete Option: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "„%(filename)s“ lässt sich nicht öffnen: %(error)s",
}
GERMAN_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("erwartet %s Wert", "erwartet %s Werte"),
}


def gettext(message: str) -> str:
    return GERMAN.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = GERMAN_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


@contextmanager
def german_argparse() -> Iterator[None]:
    namespace = vars(argparse)
    saved: dict[str, Callable[..., str]] = {k: namespace[k] for k in ("_", "ngettext")}
    namespace["_"], namespace["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        namespace.update(saved)
