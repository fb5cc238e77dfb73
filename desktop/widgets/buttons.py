"""The button row of the wizard's own dialogs: the action named in German, then Abbrechen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def accept_cancel(dialog: QDialog, accept: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The row and its accept button (`accept`, e.g. "&Importieren"; Enter), with "Abbrechen"
    (Esc); wired to the dialog's accept() and reject()."""
    ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(ok | cancel, dialog)
    accept_button = buttons.button(ok)
    accept_button.setText(accept)
    buttons.button(cancel).setText("Abbrechen")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accept_button
