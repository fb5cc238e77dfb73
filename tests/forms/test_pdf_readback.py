"""forms.pdf.readback: the strict reader of reportlab's own output that the PDF/A update uses
instead of pikepdf (issue 19). pikepdf is the reference here: the reader must see what it sees
in reportlab's files and refuse every file that is not one."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pikepdf
import pytest

from forms import projectfile
from forms.model import Beratung, Vorlage
from forms.pdf import readback, render
from forms.pdf.pdfa import finish
from tests.conftest import EXAMPLE, ROOT
from tests.forms.pdfutil import long_vorlage

DAY = dt.date(2025, 3, 14)


def office_text_vorlage() -> Vorlage:
    """Info strings outside PDFDocEncoding (reportlab writes them as UTF-16BE with BOM)."""
    v = Vorlage()
    v.grunddaten.betreff = "Ärger über Öl – „Zitat“ € 😀"
    v.grunddaten.verfasst_von = "Łukasz Dvořák"
    v.beratungsfolge = [Beratung(gremium="Ausschuss für Ærø → Győr", rolle="Entscheidung")]
    return v


@pytest.fixture(scope="module")
def reportlab_files() -> dict[str, bytes]:
    """What reportlab alone writes (the untagged export is its bytes unchanged)."""
    return {
        "seed": render(projectfile.load(EXAMPLE), ausdruck_datum=DAY, tagged=False),
        "leer": render(Vorlage(), entwurf=True, ausdruck_datum=DAY, tagged=False),
        "sonderzeichen": render(office_text_vorlage(), ausdruck_datum=DAY, tagged=False),
        "lang": render(long_vorlage(), ausdruck_datum=DAY, tagged=False),
    }


@pytest.mark.parametrize("name", ["seed", "leer", "sonderzeichen", "lang"])
def test_reader_sees_what_pikepdf_sees(reportlab_files: dict[str, bytes], name: str) -> None:
    data = reportlab_files[name]
    ours = readback.ReportlabPdf(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert ours.size == int(pdf.trailer.Size)
        assert ours.root_ref.num == pdf.Root.objgen[0]
        assert [r.num for r in ours.page_refs] == [p.obj.objgen[0] for p in pdf.pages]
        assert len(ours.page_refs) == len(pdf.pages) >= 1
        for ref, page in zip(ours.page_refs, pdf.pages, strict=True):
            entries = ours.dict_of(ref)
            assert sorted(f"/{k}" for k in entries) == sorted(page.obj.keys())
            for key, value in entries.items():
                theirs = page.obj.get(f"/{key}")
                if isinstance(value, readback.ObjRef):
                    assert theirs.is_indirect and theirs.objgen == (value.num, 0)
                elif isinstance(theirs, pikepdf.Object):  # names, arrays, dictionaries
                    assert readback.unparse(value) == theirs.unparse(resolved=True), key
                else:  # pikepdf hands out numbers as Python values
                    assert value == theirs, key
        assert ours.info is not None
        info = pdf.trailer.Info
        assert sorted(f"/{k}" for k in ours.info) == sorted(info.keys())
        for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "ModDate"):
            assert readback.text(ours.info[key]) == str(info.get(f"/{key}")), key
        assert bytes(ours.trailer["ID"][0]) == bytes(pdf.trailer.ID[0])


def test_non_latin_info_is_decoded(reportlab_files: dict[str, bytes]) -> None:
    info = readback.ReportlabPdf(reportlab_files["sonderzeichen"]).info
    assert info is not None
    assert readback.text(info["Author"]) == "Łukasz Dvořák"


@pytest.mark.parametrize(
    "raw",
    [b"", b"plain (ASCII)", "Größe".encode("latin-1"), b"\x80\x84\x8d\x9f\xa0\xad\x18\x7f",
     b"\xfe\xff" + "Ærø → Győr 😀".encode("utf-16-be"), b"\xfe\xff\x00A\x00"],
)  # fmt: skip
def test_text_decodes_as_pikepdf_does(raw: bytes) -> None:
    assert readback.text(readback.PdfString(raw)) == str(pikepdf.String(raw))


def test_literal_strings_unescape() -> None:
    pdf = b"(a\\(b\\)c \\\\ \\101\\7x\\\nz (nested) \\n)"
    assert readback._Parser(pdf, 0).value() == b"a(b)c \\ A\x07xz (nested) \n"


def _saved_by_pikepdf(data: bytes, **kwargs: object) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def test_refuses_what_reportlab_does_not_write(reportlab_files: dict[str, bytes]) -> None:
    seed = reportlab_files["seed"]
    finished = finish(seed, None)
    refused = {
        "leer": b"",
        "kein PDF": b"Hallo" + seed,
        "abgeschnitten": seed[: len(seed) // 2],
        "schon aktualisiert (/Prev)": finished,
        "Objektströme": _saved_by_pikepdf(
            seed, object_stream_mode=pikepdf.ObjectStreamMode.generate
        ),
        "verschlüsselt": _saved_by_pikepdf(seed, encryption=pikepdf.Encryption(owner="x")),
        "verschobene Objekte": seed.replace(b"\n2 0 obj\n", b"\n2 0 obj \n", 1)[:-1],
        "Generation 1": seed.replace(b" 15 0 R", b" 15 1 R", 1),
    }
    for reason, data in refused.items():
        with pytest.raises(readback.UnexpectedPdf, match="unerwartete PDF-Struktur"):
            readback.ReportlabPdf(data)
            pytest.fail(f"nicht abgelehnt: {reason}")
    # The export's post-processing names the reason instead of writing a broken file.
    with pytest.raises(readback.UnexpectedPdf, match="unerwartete PDF-Struktur von reportlab"):
        finish(finished, None)


def test_offset_check_catches_misplaced_objects(reportlab_files: dict[str, bytes]) -> None:
    """An xref entry pointing at another object (same length, so the table still parses)."""
    seed = reportlab_files["seed"]
    xref = seed.rindex(b"xref\n0 ")
    table = seed[xref:]
    page = readback.ReportlabPdf(seed).page_refs[0].num
    entry = table.index(b"\n", table.index(b"\n") + 1) + 1 + 20 * page
    other = table[entry + 20 : entry + 30]
    broken = seed[: xref + entry] + other + seed[xref + entry + 10 :]
    assert len(broken) == len(seed)
    with pytest.raises(readback.UnexpectedPdf, match=f"Objekt {page} steht nicht"):
        readback.ReportlabPdf(broken)


def test_unparse_refuses_strings_it_would_not_write_as_qpdf() -> None:
    assert readback.unparse({"B": [1, readback.PdfReal("2.5")], "A": readback.PdfName("X")}) == (
        b"<< /A /X /B [ 1 2.5 ] >>"
    )
    assert readback.unparse({}) == b"<< >>" and readback.unparse([]) == b"[ ]"
    assert readback.unparse(readback.PdfString(b"a(b)")) == b"(a\\(b\\))"
    with pytest.raises(readback.UnexpectedPdf):
        readback.unparse(readback.PdfString(b"\xe4"))


def test_export_does_not_import_pikepdf() -> None:
    """The export path writes PDF/A without a general PDF library (issue 19)."""
    child = (
        "import sys, datetime as dt\n"
        "from forms import projectfile\n"
        "from forms.pdf import render\n"
        f"data = render(projectfile.load({str(EXAMPLE)!r}), ausdruck_datum=dt.date(2025, 3, 14))\n"
        "assert data.count(b'%%EOF') == 2\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pikepdf', 'qpdf')))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", child], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout  # fmt: skip
    assert out.strip() == "[]"
