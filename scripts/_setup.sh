# Shared set-up for scripts/run and scripts/test: Debian libraries, a local virtualenv, the package.
# Sourced, not executed. Idempotent and quick when nothing changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VORLAGEN_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Libraries the Qt wheels link against (offscreen and X11), PDF inspection tools used by the
# tests, and Xvfb for real-window screenshots (docs/setup.md). Apache PDFBox Preflight (PDF/A
# validator, tests/forms/preflight.py) needs a JRE and, on Java 17, activation + JAXB.
DEBIAN_PACKAGES=(
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libx11-xcb1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libwayland-client0
  poppler-utils qpdf xvfb
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  desktop-file-utils shared-mime-info  # tests/packaging: desktop entry and MIME type
)

log() { printf '\033[1m[vorlagen-assistent]\033[0m %s\n' "$*" >&2; }

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian: nothing to do here
  local missing=() pkg
  for pkg in "${DEBIAN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      log "Fehlende Debian-Pakete (bitte als root installieren): ${missing[*]}"; return 0
    fi
  fi
  log "Installiere Debian-Pakete: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  local extras="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    log "Lege virtuelle Umgebung an: $VENV"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
      # Debian's python3 ships venv without ensurepip until python3-venv is installed.
      rm -rf "$VENV"
      ensure_debian_packages python3-venv
      "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  # Exact versions with hashes from the lock (requirements/<extras>.txt, refreshed by
  # scripts/lock from pyproject.toml's ranges); reinstall only when pyproject or the lock changed.
  local lock="$ROOT/requirements/$extras.txt"
  local stamp="$VENV/.installed-$extras"
  local want
  want="$(cat "$ROOT/pyproject.toml" "$lock" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "Installiere Abhängigkeiten ($extras) aus ${lock#"$ROOT"/} …"
    "$VENV/bin/python" -m pip install -q --require-hashes -r "$lock"
    "$VENV/bin/python" -m pip install -q --no-deps -e "$ROOT"
    echo "$want" > "$stamp"
  fi
}
