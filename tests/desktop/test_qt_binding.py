"""Guards against a broken Qt binding: PySide6 6.12.0 under Python 3.11 returned None from
void methods without a reference, so None's count ran down with every edit and the program
aborted with "none_dealloc" after a few thousand keystrokes. pyproject.toml excludes it."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_methods_keep_the_reference_count_of_none(qapp):
    label = QLabel("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.setEnabled(True)
        label.property("missing")
    assert abs(sys.getrefcount(None) - before) < 100
