#!/usr/bin/env bash
# Linux desktop integration for the current user: menu entry, icons and the file type
# "Vorlagen-Assistent Projekt" (*.vorlage.json opens in the wizard). No root needed.
#
#   scripts/install-desktop-integration.sh                  # for .venv/bin/vorlagen-assistent
#   scripts/install-desktop-integration.sh --bundle DIR     # for a bundle (dist/vorlagen-assistent)
#   scripts/install-desktop-integration.sh --uninstall
#
# Files go to ${XDG_DATA_HOME:-~/.local/share} (applications/, mime/packages/, icons/hicolor/),
# the places the freedesktop specifications name for per-user entries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
EXEC="$ROOT/.venv/bin/vorlagen-assistent"
ICONS="$ROOT/resources/icons"
MODE=install

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle)
      [ $# -ge 2 ] || { echo "Fehler: --bundle braucht den Ordner des Bundles." >&2; exit 2; }
      EXEC="$(cd "$2" && pwd)/vorlagen-assistent"; ICONS="$(cd "$2" && pwd)/_internal/resources/icons"
      shift 2 ;;
    --uninstall) MODE=uninstall; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Fehler: unbekanntes Argument: $1" >&2; exit 2 ;;
  esac
done

SIZES=(16 32 48 64 128 256)
refresh() {
  # Each cache is optional: without the tool the desktop still finds the files, only later.
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime"; fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications"
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$DATA/icons/hicolor" ]; then
    gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" || true
  fi
}

if [ "$MODE" = uninstall ]; then
  rm -f "$DATA/applications/vorlagen-assistent.desktop" "$DATA/mime/packages/vorlagen-assistent.xml"
  for size in "${SIZES[@]}"; do
    rm -f "$DATA/icons/hicolor/${size}x${size}/apps/vorlagen-assistent.png" \
          "$DATA/icons/hicolor/${size}x${size}/mimetypes/vorlage-projekt.png"
  done
  rm -f "$DATA/icons/hicolor/scalable/apps/vorlagen-assistent.svg" \
        "$DATA/icons/hicolor/scalable/mimetypes/vorlage-projekt.svg"
  mkdir -p "$DATA/mime/packages" "$DATA/applications"
  refresh
  echo "Desktop-Integration entfernt aus $DATA"
  exit 0
fi

if [ ! -x "$EXEC" ]; then
  echo "Fehler: $EXEC fehlt – erst ./scripts/run (oder --bundle ORDNER) ausführen." >&2
  exit 1
fi
case "$EXEC" in
  *[\"\`\$\\]*) echo "Fehler: Der Pfad $EXEC enthält \", \`, \$ oder \\." >&2; exit 1 ;;
esac

for size in "${SIZES[@]}"; do
  install -Dm644 "$ICONS/vorlagen-assistent-$size.png" \
    "$DATA/icons/hicolor/${size}x${size}/apps/vorlagen-assistent.png"
  install -Dm644 "$ICONS/vorlage-projekt-$size.png" \
    "$DATA/icons/hicolor/${size}x${size}/mimetypes/vorlage-projekt.png"
done
# The SVG sources are not in the bundle's resources check; install them when present.
for pair in "vorlagen-assistent:apps" "vorlage-projekt:mimetypes"; do
  name="${pair%%:*}"; kind="${pair##*:}"
  if [ -f "$ROOT/resources/icons/$name.svg" ]; then
    install -Dm644 "$ROOT/resources/icons/$name.svg" "$DATA/icons/hicolor/scalable/$kind/$name.svg"
  fi
done
install -Dm644 "$ROOT/install/linux/vorlagen-assistent-mime.xml" \
  "$DATA/mime/packages/vorlagen-assistent.xml"
mkdir -p "$DATA/applications"
sed "s|@EXEC@|$EXEC|g" "$ROOT/install/linux/vorlagen-assistent.desktop" \
  > "$DATA/applications/vorlagen-assistent.desktop"
refresh
echo "Desktop-Integration installiert in $DATA (Programm: $EXEC)"
