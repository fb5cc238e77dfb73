"""Reading a JSON resource file (a profile, a Textbausteine collection) with German errors.

The one place for what every such file needs before its own model checks the fields: a size
limit (a file far larger than any real one is refused before it is read), the reason in German
when the file system refuses, UTF-8 (with or without BOM), JSON syntax errors with line, column
and the reason in German, and a JSON object at the top. The caller names its error class and
how its messages name a file; the field checks and their messages stay with the caller's model.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms.errors import VorlageError, german_os_reason

_JSON_REASONS = {
    "Expecting ',' delimiter": "Komma erwartet",
    "Expecting ':' delimiter": "Doppelpunkt erwartet",
    "Expecting value": "Wert erwartet",
    "Expecting property name enclosed in double quotes": "Feldname in Anführungszeichen erwartet",
    "Unterminated string starting at": "Text ohne schließendes Anführungszeichen",
    "Extra data": "überzähliger Text nach dem Ende",
    "Invalid control character at": "Steuerzeichen im Text",
}


def json_reason(msg: str) -> str:
    """The German reason for a `json.JSONDecodeError.msg`."""
    return next((v for k, v in _JSON_REASONS.items() if msg.startswith(k)), "Syntaxfehler")


@dataclass(frozen=True)
class ResourceKind:
    """One kind of resource file and how its German messages speak of it.

    `named` names a file in a message, `{}` standing for its name or path
    ('Das Profil „{}“', '„{}“'); `kind` is what such a file is, with its article
    ('ein Profil'); `not_a` is put before what is wrong with the content
    ('keine Textbausteine-Datei: ', or '' where `named` already says what the file is).
    """

    error: type[VorlageError]
    named: str
    kind: str
    max_bytes: int
    not_a: str = ""

    def _fail(self, name: object, problem: str) -> VorlageError:
        return self.error(f"{self.named.format(name)} ist {self.not_a}{problem}.")

    def stat(self, path: Path) -> os.stat_result:
        """The file's status; the error (German reason) if the file system refuses."""
        try:
            return path.stat()
        except OSError as exc:
            raise self._unreadable(path, exc) from None

    def read(self, path: Path) -> bytes:
        """The file's bytes; the error if it is too large or cannot be read."""
        try:
            if path.stat().st_size > self.max_bytes:
                raise self.error(f"{self.named.format(path.name)} ist zu groß für {self.kind}.")
            return path.read_bytes()
        except OSError as exc:
            raise self._unreadable(path, exc) from None

    def _unreadable(self, path: Path, exc: OSError) -> VorlageError:
        return self.error(
            f"{self.named.format(path)} lässt sich nicht lesen: {german_os_reason(exc)}."
        )

    def json_object(self, data: bytes | str, name: str) -> dict[str, Any]:
        """The JSON object in `data` (the file `name`); the error naming line and column."""
        try:
            text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
            document = json.loads(text)
        except UnicodeDecodeError:
            raise self._fail(name, "nicht als UTF-8-Text lesbar") from None
        except json.JSONDecodeError as exc:
            where = f"Zeile {exc.lineno}, Spalte {exc.colno}: {json_reason(exc.msg)}"
            raise self._fail(name, f"kein gültiges JSON ({where})") from None
        except (ValueError, RecursionError):  # a number of >4300 digits, nesting too deep
            raise self._fail(name, "kein gültiges JSON") from None
        if not isinstance(document, dict):
            raise self._fail(name, "kein JSON-Objekt")
        return document
