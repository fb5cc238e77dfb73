"""Checker for the machine-decidable rules of PDF/A-2b and PDF/UA-1 (no Qt, built on pikepdf).

No validator of standing (veraPDF) is available on the project's machines, so the rules are
written against ISO 19005-2 (PDF/A-2), ISO 14289-1 (PDF/UA-1) and the failure conditions of the
Matterhorn Protocol that a program can decide. Rules that need a human (is the alternative text
meaningful, is the reading order sensible, is the contrast sufficient) are not here; see
docs/accessibility.md.

`check(pdf_bytes_or_path)` returns one `RuleResult` per rule; each failure is a German sentence
followed by the technical detail (object, operator, page) a developer needs.
"""

from forms.pdfcheck import (  # noqa: F401 - register rules
    metadata_rules,
    pdfa_rules,
    pdfa_rules_fonts,
    pdfa_rules_forbidden,
    syntax_rules,
    text_rules,
    ua_rules,
)
from forms.pdfcheck.core import RuleResult, check, failed, report, rule_ids

__all__ = ["RuleResult", "check", "failed", "report", "rule_ids"]
