"""Exports pass Apache PDFBox Preflight (a validator we did not write), and `check-pdf` agrees.

All files of this module are rendered once and validated in one JVM (tests/forms/preflight.py).
Preflight checks PDF/A-1b; only the findings in `preflight.PDFA1_ONLY` (rules PDF/A-2 lifts)
are accepted. For every file, broken ones included, `vorlage check-pdf`'s verdict must be the
same as Preflight's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfdoc

from forms import pdfcheck, projectfile
from forms.model import (
    Beratung,
    Vorlage,
)
from forms.pdf import document, increment, pdfa, render
from tests.conftest import EXAMPLE
from tests.forms import preflight
from tests.forms.pdfa_samples import extension_inside_data_description, modify
from tests.forms.pdfutil import long_vorlage, open_pdf
from tests.forms.strategies import MARKDOWN_BLOCKS, vorlagen

AUSDRUCK = dt.date(2025, 3, 14)
MUSTERSTADT = EXAMPLE.parent / "V-2026-0042.vorlage.json"
# Hypothesis-generated Vorlagen per run: each is a full export, and the suite must stay quick.
# GENERATED with Western text, GENERATED_UNICODE with any code point (emoji, CJK, private use,
# controls: the font fallback and its visible placeholder, issue 11 item 3).
GENERATED = 6
GENERATED_UNICODE = 4
# Text a clerk pastes from Word: Western and Central European letters, Greek, Cyrillic, the
# symbols of issue 11 item 3, typographic quotes and dashes.
OFFICE_TEXT = (
    "Ärger über Öl, Straße – „Zitat“ ‚halb‘ «Guillemets» — Łódź, Čeština, Győr, Ærø, Şişli, "
    "Ωμέγα, Привет мир; ✓ ✗ ☐ ☒ → • § € ½ ² ³ µ … ‰ ± × ÷ ° №"
)
# Western letters only: what the shipped fonts covered before issue 11 (hypothesis strategy).
LATIN = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x17F, exclude_categories=("Cs", "Cc")),
    max_size=40,
)
LATIN_MARKDOWN = st.lists(st.sampled_from(MARKDOWN_BLOCKS) | LATIN, max_size=8).map("\n\n".join)


def office_text_vorlage() -> Vorlage:
    v = Vorlage()
    v.grunddaten.betreff = OFFICE_TEXT
    v.grunddaten.verfasst_von = "Łukasz Dvořák"
    v.beschlussvorschlag = f"- {OFFICE_TEXT}\n- ☐ nein ☒ ja"
    v.erlaeuterungen = f"# {OFFICE_TEXT}\n\n{OFFICE_TEXT}\n\n| A | B |\n|---|---|\n| ✓ | ✗ |"
    v.beratungsfolge = [Beratung(gremium="Ausschuss für Ærø → Győr", rolle="Entscheidung")]
    return v


def overlong_vorlage() -> Vorlage:
    """Betreff, Verfasser and a heading far beyond PDF strings' 32 767 (and 65 535) bytes."""
    v = Vorlage()
    v.grunddaten.betreff = "Überlänge " * 7000
    v.grunddaten.verfasst_von = "Ä" * 40_000
    v.erlaeuterungen = "# " + "Lange Überschrift " * 4000 + "\n\nText."
    return v


def _render_without_cuts(vorlage: Vorlage) -> bytes:
    """What the export wrote before issue 11 item 6: user text in full, whatever its length."""
    with contextlib.ExitStack() as stack:
        for module in (increment, document, pdfa):
            stack.enter_context(mock.patch.object(module, "fit_string", lambda text: text))
        return render(vorlage, ausdruck_datum=AUSDRUCK)


def generated_vorlagen(count: int, *, unicode: bool = False) -> list[Vorlage]:
    """`count` Vorlagen from the project's hypothesis strategy (Latin or any text, Markdown)."""
    found: list[Vorlage] = []

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(vorlagen(max_rows=12) if unicode else vorlagen(LATIN, LATIN_MARKDOWN, max_rows=12))
    def collect(v: Vorlage) -> None:
        found.append(v)

    collect()
    return found[:count]


@dataclass(frozen=True)
class Checked:
    name: str
    data: bytes
    preflight: preflight.Report
    checker: list[pdfcheck.RuleResult]
    source: str  # what to re-create the file from, for a failure message

    @property
    def checker_passed(self) -> bool:
        return not pdfcheck.failed(self.checker)

    def explain(self) -> str:
        return (
            f"{self.preflight}\ncheck-pdf:\n"
            + "\n".join(str(r) for r in pdfcheck.failed(self.checker))
            + f"\n{self.source[:4000]}"
        )


def _exports() -> dict[str, tuple[bytes, str]]:
    example = projectfile.load(EXAMPLE)
    files = {
        "seed": (render(example, ausdruck_datum=AUSDRUCK), str(EXAMPLE)),
        "seed-entwurf": (render(example, entwurf=True, ausdruck_datum=AUSDRUCK), str(EXAMPLE)),
        "leerer-entwurf": (render(Vorlage(), entwurf=True, ausdruck_datum=AUSDRUCK), "Vorlage()"),
        "lang-30-seiten": (render(long_vorlage(), ausdruck_datum=AUSDRUCK), "long_vorlage()"),
        "sonderzeichen": (render(office_text_vorlage(), ausdruck_datum=AUSDRUCK), OFFICE_TEXT),
        "ueberlanger-betreff": (render(overlong_vorlage(), ausdruck_datum=AUSDRUCK), "overlong"),
        # Another profile's header, footer and further Auswirkungen block (issue 16).
        "musterstadt": (
            render(projectfile.load(MUSTERSTADT), ausdruck_datum=AUSDRUCK),
            str(MUSTERSTADT),
        ),
    }
    for i, v in enumerate(generated_vorlagen(GENERATED)):
        source = json.dumps(v.model_dump(mode="json"), ensure_ascii=False)
        files[f"hypothesis-{i}"] = (render(v, ausdruck_datum=AUSDRUCK), source)
    for i, v in enumerate(generated_vorlagen(GENERATED_UNICODE, unicode=True)):
        source = json.dumps(v.model_dump(mode="json"), ensure_ascii=True)
        files[f"hypothesis-unicode-{i}"] = (render(v, ausdruck_datum=AUSDRUCK), source)
    return files


def _render_without_eol_fix(vorlage: Vorlage) -> bytes:
    """What reportlab writes without forms/pdf/streams.py (no EOL before endstream)."""
    stream_class = pdfdoc.PDFStream
    patched = stream_class.format
    stream_class.format = patched.__wrapped__  # type: ignore[method-assign]
    try:
        return render(vorlage, ausdruck_datum=AUSDRUCK)
    finally:
        stream_class.format = patched  # type: ignore[method-assign]


def _broken(seed: bytes) -> dict[str, tuple[bytes, str]]:
    """Files that must fail both validators: the defects issue 11 found, re-created."""
    unpatched = _render_without_eol_fix(projectfile.load(EXAMPLE))
    pos = seed.index(b"\nendstream")
    no_eol = seed[:pos] + b" " + seed[pos + 1 :]  # same length: offsets stay right
    old_xmp = modify(seed, extension_inside_data_description)
    # Beyond PDF/A-1's 65 535 bytes too, so that Preflight (PDF/A-1) objects as well.
    uncut = _render_without_cuts(overlong_vorlage())
    return {
        "kaputt-reportlab-ohne-fix": (unpatched, "seed, reportlab ohne forms/pdf/streams.py"),
        "kaputt-ohne-eol": (no_eol, "seed, EOL vor endstream durch Leerzeichen ersetzt"),
        "kaputt-xmp-erweiterung": (old_xmp, "seed, pdfaExtension im Datenblock"),
        "kaputt-ungekuerzt": (uncut, "overlong_vorlage() ohne Kürzung"),
    }


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    if reason := preflight.missing():
        pytest.fail(f"PDFBox Preflight fehlt ({reason}); ./scripts/test installiert es.")
    files = _exports()
    files |= _broken(files["seed"][0])
    folder: Path = tmp_path_factory.mktemp("preflight")
    reports = preflight.validate_bytes({n: d for n, (d, _) in files.items()}, folder)
    return {
        name: Checked(name, data, reports[name], pdfcheck.check(data), source)
        for name, (data, source) in files.items()
    }


GOOD = (
    [
        "seed",
        "seed-entwurf",
        "leerer-entwurf",
        "lang-30-seiten",
        "sonderzeichen",
        "ueberlanger-betreff",
        "musterstadt",
    ]
    + [f"hypothesis-{i}" for i in range(GENERATED)]
    + [f"hypothesis-unicode-{i}" for i in range(GENERATED_UNICODE)]
)


# Each broken file, what Preflight calls its defect, and the check-pdf rule that must see it:
# both validators reject it for the same reason, not by accident.
BROKEN: dict[str, tuple[set[str], str]] = {
    "kaputt-reportlab-ohne-fix": ({"1.2.2", "1.2.5"}, "stream-syntax"),
    "kaputt-ohne-eol": ({"1.2.2", "1.2.5"}, "stream-syntax"),
    "kaputt-xmp-erweiterung": ({"7.3"}, "xmp-pdfua-id"),
    "kaputt-ungekuerzt": ({"1.0.5"}, "limits"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", GOOD)
def test_export_passes_preflight_and_check_pdf(checked: dict[str, Checked], name: str) -> None:
    file = checked[name]
    assert file.preflight.passed, file.explain()
    assert file.checker_passed, file.explain()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_fails_preflight_and_check_pdf(checked: dict[str, Checked], name: str) -> None:
    file = checked[name]
    codes, rule = BROKEN[name]
    assert {f.code for f in file.preflight.unexpected} == codes, file.explain()
    assert rule in {r.rule for r in pdfcheck.failed(file.checker)}, file.explain()


@pytest.mark.slow
def test_check_pdf_agrees_with_preflight_on_every_file(checked: dict[str, Checked]) -> None:
    disagree = {
        n: c.explain() for n, c in checked.items() if c.preflight.passed != c.checker_passed
    }
    assert not disagree, disagree
    assert set(checked) == set(GOOD) | set(BROKEN)


@pytest.mark.slow
def test_long_vorlage_is_long_enough(checked: dict[str, Checked]) -> None:
    assert len(open_pdf(checked["lang-30-seiten"].data).pages) >= 30


def test_the_only_accepted_findings_are_pdfa1_rules_pdfa2_lifts() -> None:
    # The list is explicit and each entry names the PDF/A-2 clause that lifts the rule.
    assert [rule.code for rule in preflight.PDFA1_ONLY] == ["7.11.2"]
    assert all("ISO 19005-2" in rule.why for rule in preflight.PDFA1_ONLY)
    lifted = preflight.Finding("7.11.2", "Error on MetaData, part must be 1")
    other = preflight.Finding("7.11.2", "Error on MetaData, conformance must be B")
    report = preflight.Report(Path("x.pdf"), False, (lifted, other))
    assert report.unexpected == [other]
