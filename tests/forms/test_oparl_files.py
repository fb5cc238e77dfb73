"""The OParl export's file copies against hostile Anlage paths (#13.6): devices and FIFOs are
never read, a file outside the project folder is copied only when the clerk picked it, and a
copy never gets wider permissions than its source. Checked with real FIFOs, /dev/zero,
symbolic links and os.stat, and through the CLI as a real process with a timeout."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from forms import oparl, projectfile
from forms.model import Anlage, Vorlage
from tests.conftest import EXAMPLE, ROOT

JETZT = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)  # the export time, fixed

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and modes")
PDF = b"%PDF-1.4 Hauptdatei"


def _vorlage(*dateien: str) -> Vorlage:
    vorlage = projectfile.load(EXAMPLE)
    vorlage.anlagen = [Anlage(titel=f"Anlage {i}", datei=d) for i, d in enumerate(dateien, 1)]
    return vorlage


def _copied(export: oparl.OParlExport) -> list[str]:
    return [name for name, _ in export.dateien[1:]]


def test_fifo_and_device_anlagen_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    export = oparl.build_paper(
        _vorlage("pipe.pdf", "/dev/zero"),
        PDF,
        jetzt=JETZT,
        projekt_ordner=tmp_path,
        alle_anlagen=True,
    )
    assert _copied(export) == []
    assert all("keine gewöhnliche Datei" in h for h in export.hinweise[-2:])
    assert not {"size", "sha512Checksum"} & set(export.paper["auxiliaryFile"][0])


def test_cli_oparl_with_a_fifo_anlage_finishes_at_once(tmp_path: Path) -> None:
    project = tmp_path / "p.vorlage.json"
    projectfile.save(_vorlage("pipe.pdf"), project, backup=False)
    os.mkfifo(tmp_path / "pipe.pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "forms",
            "oparl",
            str(project),
            "-o",
            str(tmp_path / "o.json"),
            "--pdf",
            str(_pdf(tmp_path)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "keine gewöhnliche Datei" in result.stdout and "Traceback" not in result.stderr


def _pdf(folder: Path) -> Path:
    path = folder / "vorlage.pdf"
    path.write_bytes(PDF)
    return path


def test_file_outside_the_project_folder_is_copied_only_when_picked(tmp_path: Path) -> None:
    projekt = tmp_path / "projekt"
    projekt.mkdir()
    secret = tmp_path / "geheim" / "id_rsa"
    secret.parent.mkdir()
    secret.write_bytes(b"PRIVATE KEY")
    (projekt / "plan.pdf").write_bytes(b"%PDF plan")
    (projekt / "link.pdf").symlink_to(secret)  # inside by name, outside in fact
    vorlage = _vorlage(str(secret), "../geheim/id_rsa", "link.pdf", "plan.pdf")

    export = oparl.build_paper(vorlage, PDF, jetzt=JETZT, projekt_ordner=projekt)
    assert _copied(export) == ["Anlage_4_plan.pdf"]
    outside = [h for h in export.hinweise if "außerhalb des Projektordners" in h]
    assert len(outside) == 3
    out = tmp_path / "out"
    out.mkdir()
    oparl.write_export(export, out / "paper.json")
    assert b"PRIVATE KEY" not in b"".join(p.read_bytes() for p in out.iterdir())

    picked = oparl.build_paper(
        vorlage, PDF, jetzt=JETZT, projekt_ordner=projekt, freigegeben=[secret]
    )
    assert _copied(picked) == [
        "Anlage_1_id_rsa",
        "Anlage_2_id_rsa",
        "Anlage_3_link.pdf",
        "Anlage_4_plan.pdf",
    ]
    everything = oparl.build_paper(
        vorlage, PDF, jetzt=JETZT, projekt_ordner=projekt, alle_anlagen=True
    )
    assert len(_copied(everything)) == 4


def test_without_a_project_folder_only_picked_files_are_copied(tmp_path: Path) -> None:
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF plan")
    vorlage = _vorlage(str(plan))
    assert _copied(oparl.build_paper(vorlage, PDF, jetzt=JETZT)) == []
    assert _copied(oparl.build_paper(vorlage, PDF, jetzt=JETZT, freigegeben=[plan])) == [
        "Anlage_1_plan.pdf"
    ]


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o444])
def test_copied_anlage_keeps_at_most_its_permissions(tmp_path: Path, mode: int) -> None:
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF plan")
    plan.chmod(mode)
    export = oparl.build_paper(_vorlage("plan.pdf"), PDF, jetzt=JETZT, projekt_ordner=tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    old = os.umask(0o022)
    try:
        oparl.write_export(export, out / "paper.json")
    finally:
        os.umask(old)
    copied = stat.S_IMODE((out / "Anlage_1_plan.pdf").stat().st_mode)
    assert copied & ~mode == 0, oct(copied)
    assert copied == mode & 0o644


def test_cli_copies_outside_anlagen_only_with_the_option(tmp_path: Path) -> None:
    projekt = tmp_path / "projekt"
    projekt.mkdir()
    other = tmp_path / "anderswo.pdf"
    other.write_bytes(b"%PDF anderswo")
    project = projekt / "p.vorlage.json"
    projectfile.save(_vorlage(str(other)), project, backup=False)
    base = [sys.executable, "-m", "forms", "oparl", str(project), "--pdf", str(_pdf(tmp_path))]
    run = dict(cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = subprocess.run([*base, "-o", str(tmp_path / "a" / "paper.json")], **run)
    assert first.returncode == 0, first.stderr
    assert "außerhalb des Projektordners" in first.stdout
    assert not (tmp_path / "a" / "Anlage_1_anderswo.pdf").exists()
    second = subprocess.run(
        [*base, "-o", str(tmp_path / "b" / "paper.json"), "--alle-anlagen"], **run
    )
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "b" / "Anlage_1_anderswo.pdf").read_bytes() == b"%PDF anderswo"
