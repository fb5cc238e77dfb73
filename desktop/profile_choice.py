"""The clerk's municipal profile in the wizard (docs/profile.md).

Chosen once: in Datei › Einstellungen…, and on the first start when several profiles are
installed; `vorlagen-assistent --profil NAME|DATEI` overrides it for one run. The choice holds
for new Vorlagen and files that record no profile; a file of another installed profile opens
with that one (forms.profiles.for_vorlage, desktop.document.Document.replace).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.document import Document
from desktop.settings import Settings
from desktop.widgets.buttons import accept_cancel
from forms import profiles
from forms.profile import Profile
from forms.profiles import ProfileError

Choices = list[tuple[str, str]]  # (id, what the clerk reads)
# Dialogs.ask_profile: (options, current id, first start) → the chosen id, None = cancelled.
AskProfile = Callable[[Choices, str, bool], str | None]


class Messages(Protocol):
    """What this module needs of desktop.dialogs.Dialogs (which imports this module)."""

    def ask_profile(
        self, options: Choices, current: str, first_start: bool = False
    ) -> str | None: ...

    def info(self, title: str, text: str) -> None: ...

    def warning(self, title: str, text: str) -> None: ...

    def error(self, title: str, text: str, details: str = "") -> None: ...


def choices() -> Choices:
    """Every installed profile that can be read, as (id, "Stadt Musterstadt (musterstadt, …)")."""
    out: Choices = []
    for entry in profiles.installed():
        try:
            profile = profiles.read(entry.path)
        except ProfileError:
            continue  # `vorlage profil liste` / `profil prüfen` name the broken one
        out.append((entry.id, f"{profile.name} ({entry.id}, {entry.herkunft})"))
    return out


def folders_text() -> str:
    lines = [f"{herkunft}: {folder}" for herkunft, folder in profiles.search_folders()]
    return "Profile werden in diesen Ordnern gesucht:\n" + "\n".join(lines)


class ProfileDialog(QDialog):
    """Einstellungen: which profile new Vorlagen use (a combo of the installed ones)."""

    def __init__(
        self, parent: QWidget | None, options: Choices, current: str, *, first_start: bool
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gemeindeprofil wählen" if first_start else "Einstellungen")
        layout = QVBoxLayout(self)
        intro = (
            "Es sind mehrere Gemeindeprofile installiert. Bitte das Profil Ihrer Stadt wählen; "
            "es bestimmt Kataloge, Briefkopf und Vorlage-Nr. neuer Vorlagen."
            if first_start
            else "Das Gemeindeprofil bestimmt Kataloge, Briefkopf und Vorlage-Nr. neuer "
            "Vorlagen. Eine Datei eines anderen installierten Profils öffnet mit jenem."
        )
        text = QLabel(intro, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QLabel("&Gemeindeprofil:", self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("profileCombo")
        for profile_id, shown in options:
            self.combo.addItem(shown, profile_id)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        folders = QLabel(folders_text(), self)
        folders.setObjectName("hintLabel")
        folders.setWordWrap(True)
        layout.addWidget(folders)
        buttons, _ok = accept_cancel(self, "OK")
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return str(self.combo.currentData())


def start_profile(settings: Settings, option: str | None, ask: AskProfile) -> Profile:
    """The profile the wizard starts with: `--profil`, else the setting, else (first start
    with several installed, unless VORLAGE_PROFIL or the organisation's folder decides) the
    clerk's answer, else the default. A broken or unknown
    `--profil` raises ProfileError (German); a setting that no longer resolves falls back."""
    if option:
        return profiles.load(option)
    if settings.profil:
        try:
            return profiles.load(settings.profil)
        except ProfileError:
            settings.profil = ""  # uninstalled meanwhile: ask again below
    options = choices()
    if len(options) > 1 and not profiles.decided():
        answer = ask(options, profiles.default().id, True)
        if answer:
            settings.profil = answer
            settings.save()
            return profiles.load(answer)
    return profiles.default()


def change_profile(document: Document, dialogs: Messages, settings: Settings) -> str:
    """Datei › Einstellungen…: another profile for new Vorlagen, kept in the settings. An
    untouched new Vorlage (no file, no edit) takes it at once; an open file keeps its own.
    Returns the status line to show ("" when nothing changed)."""
    answer = dialogs.ask_profile(choices(), document.home_profile.id, False)
    if not answer or answer == document.home_profile.id:
        return ""
    try:
        profile = profiles.load(answer)
    except ProfileError as exc:
        dialogs.error("Profil nicht verwendbar", str(exc))
        return ""
    settings.profil = answer
    settings.save()
    document.set_home_profile(profile)
    if document.path is None and not document.dirty:
        document.replace(profile.new_vorlage(), None)
    return f"Gemeindeprofil: {profile.name} – gilt für neue Vorlagen."


def tell_profile(document: Document, dialogs: Messages) -> None:
    """After opening a file of another profile: say which one it is shown with."""
    note = document.profile_note
    if note and document.profile is document.home_profile:
        dialogs.warning("Profil nicht installiert", note)
    elif note:
        dialogs.info(f"Profil {document.profile.name}", note)
