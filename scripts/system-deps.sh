#!/usr/bin/env bash
# Debian packages the platform needs to build, test and run (PostgreSQL has
# its own script, scripts/ensure-postgres.sh).
#
#   scripts/system-deps.sh            install what is missing: as root with
#                                     apt-get, otherwise print the command
#                                     to run and exit 1
#   scripts/system-deps.sh --check    report what is missing, exit 1 if any
#   scripts/system-deps.sh --missing  print only the missing package names
#
# What is checked (and the Debian package that provides it):
#   python3 >= 3.11 with venv/ensurepip  python3, python3-venv
#   make                                 make
#   npm (installs KERN, package-lock)    npm
#   msgfmt (make messages)               gettext
#   pango for WeasyPrint (PDFs)          libpango-1.0-0, libpangoft2-1.0-0
#   a browser for the journeys           chromium (optional: without it the
#   (tests/browser, Playwright)          journeys are skipped; installed as root)
set -euo pipefail

mode="${1:-install}"
case "$mode" in
    install | --check | --missing) ;;
    *)
        echo "usage: $0 [--check | --missing]" >&2
        exit 2
        ;;
esac

PYTHON="${PYTHON:-python3}"
missing=()

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
else
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "$PYTHON is $("$PYTHON" -V 2>&1); the platform needs Python 3.11 or newer" \
            "(Debian 12 'bookworm' or newer ships it)." >&2
        exit 1
    fi
    # Debian splits venv's pip bootstrap (ensurepip) into python3-venv.
    "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
fi
command -v make >/dev/null 2>&1 || missing+=(make)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ "$(uname -s)" = Linux ] && command -v "$PYTHON" >/dev/null 2>&1; then
    # The same libraries WeasyPrint opens (text/ffi.py).
    for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0; do
        "$PYTHON" -c "import ctypes, sys; ctypes.CDLL(sys.argv[1])" "${lib%%:*}" \
            >/dev/null 2>&1 || missing+=("${lib##*:}")
    done
fi

# Optional: only the browser journeys need it. Installed along with the rest
# as root; otherwise named below, and the journeys skip (loudly) without it.
optional=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    optional+=(chromium)
fi
if [ ${#optional[@]} -gt 0 ] && { [ "$(id -u)" -eq 0 ] || [ "$mode" = --missing ]; }; then
    missing+=("${optional[@]}")
    optional=()
fi
if [ ${#optional[@]} -gt 0 ]; then
    echo "Optional: ${optional[*]} is missing; the browser journeys (tests/browser) will be skipped." >&2
    echo "Install it with:  sudo apt-get install -y --no-install-recommends ${optional[*]}" >&2
fi

if [ "$mode" = --missing ]; then
    [ ${#missing[@]} -eq 0 ] || echo "${missing[*]}"
    exit 0
fi
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$mode" = install ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    $command
    exit 0
fi

echo "Missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    echo "Install them with:  apt-get update && $command" >&2
else
    echo "Install them with:  sudo apt-get update && sudo $command" >&2
fi
exit 1
