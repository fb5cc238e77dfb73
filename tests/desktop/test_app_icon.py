"""The wizard's window icon and `--version` (unfrozen; tests/packaging: the frozen one)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop.app import main
from desktop.startup import application_icon, create_application

ROOT = Path(__file__).resolve().parents[2]


def test_application_sets_the_window_icon_in_every_size(qapp) -> None:
    app = create_application()
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert not application_icon().pixmap(32, 32).toImage().isNull()


def test_version_option_prints_the_pyproject_version(capsys: pytest.CaptureFixture[str]) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"vorlagen-assistent {version}"
