"""`vorlage profil liste` and `vorlage profil prüfen DATEI`: the installed profiles, their
folders, and a profile file checked with German messages naming the field."""

from __future__ import annotations

import argparse

from forms import profiles
from forms.cli.parser import EXIT_OK
from forms.errors import VorlageError


def profil(args: argparse.Namespace) -> int:
    if args.profil_befehl == "liste":
        return _liste()
    return _pruefen(args)


def _liste() -> int:
    try:
        in_use = profiles.default().id
    except VorlageError as exc:
        in_use = ""
        print(f"Hinweis: {exc}")
    print("Installierte Profile (* = Vorgabe):")
    for entry in profiles.installed():
        mark = "*" if entry.id == in_use else " "
        try:
            name = profiles.read(entry.path).name
        except VorlageError:
            name = "FEHLERHAFT – „vorlage profil prüfen“ nennt den Fehler"
        print(f" {mark} {entry.id:<16} {name}  ({entry.herkunft}: {entry.path})")
    print("Profilordner, in Suchreihenfolge (die erste Datei einer id gilt):")
    for herkunft, folder in profiles.search_folders():
        state = "" if folder.is_dir() else "  (nicht vorhanden)"
        print(f"   {herkunft}: {folder}{state}")
    return EXIT_OK


def _pruefen(args: argparse.Namespace) -> int:
    profile = profiles.load(str(args.file))
    print(
        f"Das Profil „{profile.id}“ ({profile.name}) ist in Ordnung: "
        f"{len(profile.dienststellen)} Dienststellen, {len(profile.gremien)} Gremien, "
        f"{len(profile.vorlagearten)} Vorlagearten, "
        f"{len(profile.auswirkungen)} weitere Auswirkungen."
    )
    return EXIT_OK
