"""Apache PDFBox Preflight, a PDF/A validator we did not write, as a test helper.

Debian's `libpdfbox2-java` ships Preflight 2.0.27 (installed by scripts/_setup.sh). It validates
PDF/A-1b, our files claim PDF/A-2a, so the few PDF/A-1 rules that PDF/A-2 lifts are listed in
`PDFA1_ONLY` (with the clause that lifts them); every other finding counts as a real error.

One JVM checks many files (`Validator_A1b xml group LIST`, one XML report for all), because the
JVM start costs more than checking a Vorlage.

From a shell (exit 1 if any file has a finding outside `PDFA1_ONLY`)::

    .venv/bin/python -m tests.forms.preflight a.pdf b.pdf
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
# preflight.jar's own dependencies; javax.activation and jaxb-api left the JDK with Java 11.
JARS = (
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "commons-logging.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
)
MAIN_CLASS = "org.apache.pdfbox.preflight.Validator_A1b"
TIMEOUT_S = 600


@dataclass(frozen=True)
class Finding:
    code: str  # Preflight's error code, e.g. "1.2.2"
    details: str

    def __str__(self) -> str:
        return f"{self.code} : {self.details}"


@dataclass(frozen=True)
class Lifted:
    """A PDF/A-1 rule Preflight checks that PDF/A-2 no longer has."""

    code: str
    details: re.Pattern[str]
    why: str

    def matches(self, finding: Finding) -> bool:
        return finding.code == self.code and bool(self.details.search(finding.details))


# The complete list of findings accepted on our PDF/A-2 files. Add an entry only with the clause
# of ISO 19005-2 that lifts the PDF/A-1 rule; anything not matched here fails the tests.
PDFA1_ONLY: tuple[Lifted, ...] = (
    Lifted(
        "7.11.2",
        re.compile(r"^Error on MetaData, part must be 1$"),
        "ISO 19005-2 §6.6.4: a PDF/A-2 file identifies itself with pdfaid:part 2 "
        "(ISO 19005-1 §6.7.11 demanded 1).",
    ),
)


@dataclass(frozen=True)
class Report:
    path: Path
    valid: bool  # Preflight's own PDF/A-1b verdict
    findings: tuple[Finding, ...]

    @property
    def unexpected(self) -> list[Finding]:
        """Findings that are errors under PDF/A-2 too."""
        return [f for f in self.findings if not any(rule.matches(f) for rule in PDFA1_ONLY)]

    @property
    def passed(self) -> bool:
        return not self.unexpected

    def __str__(self) -> str:
        lines = [f"{self.path.name}: {'OK' if self.passed else 'FEHLER'}"]
        lines += [f"  {f}" for f in self.unexpected]
        return "\n".join(lines)


def classpath() -> str:
    return ":".join(str(JAVA_DIR / jar) for jar in JARS)


def missing() -> str | None:
    """Why Preflight cannot run here, or None."""
    if shutil.which("java") is None:
        return "kein java (Debian: default-jre-headless)"
    absent = [jar for jar in JARS if not (JAVA_DIR / jar).is_file()]
    if absent:
        return f"fehlt in {JAVA_DIR}: {', '.join(absent)} (scripts/_setup.sh installiert sie)"
    return None


def validate(paths: Sequence[Path]) -> dict[Path, Report]:
    """Run Preflight once over all `paths` (their file names must differ)."""
    paths = [Path(p).resolve() for p in paths]
    names = [p.name for p in paths]
    if len(set(names)) != len(names):
        raise ValueError("Preflight reports files by name only: names must be unique")
    if reason := missing():
        raise RuntimeError(f"PDFBox Preflight nicht verfügbar: {reason}")
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files.txt"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        proc = subprocess.run(
            ["java", "-cp", classpath(), MAIN_CLASS, "xml", "group", str(listing)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        result = Path(f"{listing}.preflight.xml")
        if not result.is_file():
            raise RuntimeError(
                f"Preflight schrieb keinen Bericht (Exit {proc.returncode}): {proc.stderr[-2000:]}"
            )
        root = ET.parse(result).getroot()
    by_name = {p.name: p for p in paths}
    reports: dict[Path, Report] = {}
    for node in root.iter("preflight"):
        path = by_name[node.get("name", "")]
        findings = tuple(
            Finding((err.findtext("code") or "").strip(), (err.findtext("details") or "").strip())
            for err in node.iter("error")
        )
        valid = (node.findtext("isValid") or "").strip() == "true"
        if not valid and not findings:  # e.g. an exception while parsing
            findings = (Finding("exception", ET.tostring(node, encoding="unicode")[:2000]),)
        reports[path] = Report(path, valid, findings)
    lost = [p.name for p in paths if p not in reports]
    if lost:
        raise RuntimeError(f"Preflight lieferte kein Ergebnis für {', '.join(lost)}")
    return reports


def validate_bytes(files: dict[str, bytes], folder: Path) -> dict[str, Report]:
    """Write each PDF as `folder/<name>.pdf` and validate all in one JVM."""
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    reports = validate(list(paths.values()))
    return {name: reports[path.resolve()] for name, path in paths.items()}


def main(argv: Iterable[str]) -> int:
    paths = [Path(a) for a in argv]
    if not paths:
        print(__doc__)
        return 2
    reports = validate(paths)
    for report in reports.values():
        print(report)
    return 0 if all(r.passed for r in reports.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
