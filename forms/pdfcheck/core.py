"""Results, the rule registry and `check` (the rules live in the sibling modules)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf

# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RuleResult:
    rule: str  # stable id, e.g. "fonts-embedded"
    title: str  # German, short
    reference: str  # ISO clause / Matterhorn checkpoint
    failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def __str__(self) -> str:
        status = "OK    " if self.passed else "FEHLER"
        head = f"{status}  {self.rule:<22} {self.title} ({self.reference})"
        return "\n".join([head, *(f"        - {f}" for f in self.failures)])


@dataclass
class _Context:
    # pikepdf objects are dynamically typed (a dictionary entry may be anything); the rules
    # check types at run time, so the PDF is handled as Any rather than with casts everywhere.
    pdf: Any
    raw: bytes
    _cache: dict[str, object] = field(default_factory=dict)

    def cached(self, key: str, make: Callable[[], object]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


@dataclass(frozen=True)
class _Rule:
    id: str
    title: str
    reference: str
    run: Callable[[_Context], list[str]]


_RULES: list[_Rule] = []


def _rule(
    id_: str, title: str, reference: str
) -> Callable[[Callable[[_Context], list[str]]], Callable[[_Context], list[str]]]:
    def register(fn: Callable[[_Context], list[str]]) -> Callable[[_Context], list[str]]:
        _RULES.append(_Rule(id_, title, reference, fn))
        return fn

    return register


def rule_ids() -> list[str]:
    return [r.id for r in _RULES]


def check(source: bytes | str | os.PathLike[str]) -> list[RuleResult]:
    """Run every rule. Raises `pikepdf.PdfError` only if the file cannot be parsed at all."""
    if isinstance(source, bytes):
        raw = source
    else:
        with open(source, "rb") as fh:
            raw = fh.read()
    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except pikepdf.PasswordError:
        return [
            RuleResult(
                "encryption",
                "Keine Verschlüsselung",
                "ISO 19005-2 §6.1.3",
                ("Die Datei ist mit einem Kennwort verschlüsselt und kann nicht geprüft werden.",),
            )
        ]
    ctx = _Context(pdf, raw)
    results = []
    for rule in _RULES:
        try:
            failures = rule.run(ctx)
        except Exception as exc:  # a malformed object must not hide the other rules
            failures = [f"Prüfung abgebrochen: {type(exc).__name__}: {exc}"]
        results.append(RuleResult(rule.id, rule.title, rule.reference, tuple(failures)))
    return results


def failed(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if not r.passed]


# --------------------------------------------------------------------------------------------


def report(results: list[RuleResult]) -> str:
    bad = failed(results)
    lines = [str(r) for r in results]
    lines.append(
        f"{len(results) - len(bad)} von {len(results)} Regeln erfüllt"
        + ("." if not bad else f"; {len(bad)} verletzt: {', '.join(r.rule for r in bad)}.")
    )
    return "\n".join(lines)
