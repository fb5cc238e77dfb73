"""No resource named in a project's text is ever opened (issue #13, item 5), checked at the OS.

A child process shows the editor with images pointing at a FIFO (opening it would block: the
child would time out), /dev/zero (would grow memory without bound) and a regular file, pastes
HTML naming them, and renders the PDF. `strace -f -e trace=open,openat,…` records every file the
child opens; none of those paths may appear.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.widgets.richtext import RichTextEditor
    from forms.model import Vorlage
    from forms.pdf import render
    paths = {paths!r}
    text = "\\n\\n".join(f"Bild {{i}}: ![Plan {{i}}]({{p}})" for i, p in enumerate(paths))
    editor = RichTextEditor()
    editor.resize(600, 400)
    editor.show()
    editor.set_markdown(text)
    app.processEvents()
    editor.grab()  # lays out and paints every image
    html = "".join(f'<p>x<img src="{{p}}" alt="Bild"></p>' for p in paths)
    html += "".join(f'<img src="file://{{p}}">' for p in paths)
    data = QMimeData()
    data.setHtml(html)
    editor.editor.insertFromMimeData(data)
    app.processEvents()
    editor.grab()
    assert "Plan 0" in editor.markdown(), editor.markdown()
    pdf = render(Vorlage(erlaeuterungen=text, beschlussvorschlag=text))
    assert pdf.startswith(b"%PDF")
    print("fertig")
    """
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_editor_and_pdf_open_no_image_path(tmp_path):
    fifo = tmp_path / "bild.fifo"
    os.mkfifo(fifo)
    regular = tmp_path / "geheim.png"
    regular.write_bytes(b"\x89PNG\r\n\x1a\n")
    paths = [str(fifo), "/dev/zero", str(regular)]
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), paths=paths), encoding="utf-8")
    command = [sys.executable, str(script)]
    log = tmp_path / "strace.log"
    strace = shutil.which("strace")
    if strace:
        command = [
            strace,
            "-f",
            "-qq",
            "-o",
            str(log),
            "-e",
            "trace=open,openat,openat2,creat,stat,newfstatat,statx,access",
            *command,
        ]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # A FIFO opened for reading blocks until a writer comes: the timeout is the OS-level proof
    # even without strace.
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        stdout, stderr = child.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # strace and the blocked child with it
        child.communicate()
        pytest.fail("Der Editor oder das PDF hat eine Bilddatei geöffnet (FIFO blockiert).")
    assert child.returncode == 0, stderr[-3000:]
    assert "fertig" in stdout
    if strace:
        opened = log.read_text(encoding="utf-8", errors="replace")
        assert "openat(" in opened or "open(" in opened  # the trace did record
        for path in paths:
            assert path not in opened, [ln for ln in opened.splitlines() if path in ln][:3]
