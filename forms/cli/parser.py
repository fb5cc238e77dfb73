"""The command tree of `vorlage`: subcommands, options, German help and the exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import forms

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2

EXIT_CODES = """\
Exit-Codes:
  0  alles in Ordnung
  1  Probleme gefunden: validate/check-pdf melden Fehler, pdf/oparl verweigern wegen offener
     Fehler (mit --entwurf entsteht trotzdem ein Entwurf)
  2  Aufruf oder Datei fehlerhaft (unbekannte Option, Datei fehlt oder ist unlesbar, …)
  pdf … --ausgabe ORDNER gibt jede Datei aus, auch wenn eine davon scheitert, und endet mit
     dem höchsten Code der einzelnen Dateien (0 nur, wenn alle PDFs geschrieben wurden)

„-“ als DATEI liest die Standardeingabe, „-o -“ schreibt auf die Standardausgabe, z. B.
  vorlage import - -o - < seite.txt | vorlage pdf - -o - > vorlage.pdf"""


class _GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: Fehler: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


class _Version(argparse.Action):
    """argparse's version action, with the version looked up only when asked for: reading the
    installed metadata imports importlib.metadata and email (~50 ms of every `vorlage pdf`)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"{parser.prog} {forms.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _GermanParser(
        prog="vorlage",
        description="Vorlagen-Assistent: Vorlagen prüfen und als PDF ausgeben.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="Versionsnummer zeigen und beenden",
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="BEFEHL",
        parser_class=_GermanParser,
        title="Befehle",
    )

    profil = _GermanParser(add_help=False)
    profil.add_argument(
        "--profil",
        metavar="NAME|DATEI",
        help="Gemeindeprofil (installierte id wie „musterstadt“ oder eine Profildatei); "
        "Vorgabe: VORLAGE_PROFIL bzw. das erste installierte, siehe „vorlage profil liste“. "
        "Eine Projektdatei, die ein anderes installiertes Profil nennt, nutzt jenes",
    )

    p = sub.add_parser(
        "validate", parents=[profil], help="Projektdatei prüfen und alle Probleme auflisten"
    )
    p.add_argument("file", type=Path, metavar="DATEI", help="Projektdatei oder - (Eingabe)")
    p.add_argument("--json", action="store_true", help="Probleme als JSON ausgeben")

    p = sub.add_parser("pdf", parents=[profil], help="Projektdatei(en) als PDF ausgeben")
    p.add_argument(
        "file",
        type=Path,
        nargs="+",
        metavar="DATEI",
        help="Projektdatei oder - (Eingabe); mit --ausgabe auch mehrere oder ein Muster wie "
        "„ordner/*.vorlage.json“",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="AUSGABE.pdf",
        help="Ziel; - schreibt das PDF auf die Standardausgabe",
    )
    target.add_argument(
        "--ausgabe",
        type=Path,
        metavar="ORDNER",
        help="alle DATEIen als NAME.pdf in diesen Ordner (wird angelegt); eine fehlerhafte "
        "Datei hält die anderen nicht auf",
    )
    p.add_argument(
        "--prozesse",
        type=int,
        metavar="N",
        help="mit --ausgabe: so viele Dateien gleichzeitig (Vorgabe: ein Prozess je Kern, "
        "bei weniger als 16 Dateien einer)",
    )
    p.add_argument(
        "--entwurf",
        action="store_true",
        help="auch bei offenen Fehlern ausgeben (jede Seite trägt dann den Vermerk ENTWURF)",
    )

    sub.add_parser("schema", help="JSON-Schema der Projektdatei ausgeben")

    p = sub.add_parser(
        "check-pdf", help="PDF auf die prüfbaren Regeln von PDF/A-2 und PDF/UA-1 prüfen (Exit 0/1)"
    )
    p.add_argument("file", type=Path, metavar="DATEI", help="PDF-Datei oder - (Eingabe)")
    p.add_argument("--json", action="store_true", help="Ergebnis je Regel als JSON ausgeben")

    p = sub.add_parser("new", parents=[profil], help="neue, leere Projektdatei anlegen")
    p.add_argument("--vorlageart", default="", help="Vorgabe: die Vorgabe des Profils")
    p.add_argument(
        "--federfuehrend", default="", help="Kürzel oder „Kürzel - Name“ einer Dienststelle"
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser(
        "import", parents=[profil], help="Seitentext einer Vorlage aus dem Ratsinfosystem einlesen"
    )
    p.add_argument(
        "page",
        type=Path,
        metavar="SEITE.txt",
        help="Seitentext, OParl-JSON oder PDF; - liest die Standardeingabe",
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DATEI")
    p.add_argument("--force", action="store_true", help="vorhandene Datei überschreiben")

    p = sub.add_parser(
        "oparl", parents=[profil], help="Projektdatei als OParl-1.1-Paper (JSON) mit PDF ausgeben"
    )
    p.add_argument("file", type=Path, metavar="DATEI")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="paper.json",
        help="Ziel; ein fehlender Ordner wird angelegt, das PDF kommt daneben",
    )
    p.add_argument("--pdf", type=Path, metavar="VORLAGE.pdf", help="schon exportiertes PDF nutzen")
    p.add_argument("--basis-url", help="Basis der OParl-IDs (Vorgabe: Platzhalter unter .invalid)")
    p.add_argument("--entwurf", action="store_true", help="auch bei offenen Fehlern exportieren")
    p.add_argument(
        "--alle-anlagen",
        action="store_true",
        help="auch Anlagen-Dateien außerhalb des Projektordners mitkopieren",
    )
    p = sub.add_parser("profil", help="Gemeindeprofile auflisten und prüfen")
    actions = p.add_subparsers(
        dest="profil_befehl", required=True, metavar="AKTION", parser_class=_GermanParser
    )
    actions.add_parser("liste", help="installierte Profile und die Profilordner zeigen")
    q = actions.add_parser(
        "prüfen",
        aliases=["pruefen"],
        help="Profildatei prüfen; jede Meldung nennt das Feld (Exit 0/2)",
    )
    q.add_argument("file", type=Path, metavar="DATEI", help="Profildatei (.json) oder id")
    for name, command in sub.choices.items():
        # `vorlage BEFEHL --help` starts with what the overview says of the command.
        command.description = command.description or _HELP.get(name)
    return parser


_HELP = {
    "validate": "Projektdatei prüfen und alle Probleme auflisten (Exit 1 bei Fehlern).",
    "pdf": "Projektdatei als druckfertiges PDF (PDF/A-2, PDF/UA-1) ausgeben.",
    "schema": "JSON-Schema der Projektdatei auf die Standardausgabe schreiben.",
    "check-pdf": "PDF auf die prüfbaren Regeln von PDF/A-2 und PDF/UA-1 prüfen (Exit 1 bei "
    "einem Verstoß).",
    "new": "Neue, leere Projektdatei mit Vorlageart und Federführend anlegen.",
    "import": "Vorlage aus dem Ratsinformationssystem (Seitentext, OParl-JSON oder PDF) in "
    "eine Projektdatei übernehmen; der Bericht nennt, was nicht gelesen wurde.",
    "oparl": "Projektdatei als OParl-1.1-Paper (JSON) ausgeben, mit PDF und Anlagen daneben.",
    "profil": "Gemeindeprofile: „liste“ zeigt die installierten und die Ordner, in die eine "
    "Stadt ihr Profil legt; „prüfen DATEI“ prüft eine Profildatei (docs/profile.md).",
}
