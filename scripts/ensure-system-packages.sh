#!/usr/bin/env bash
# Installs what the test suite needs from Debian: chromium for the browser
# tests, gettext for the translation catalogue check, and Pango with a font
# for the PDFs WeasyPrint renders. Only as root; otherwise
# it says what is missing and how to get it.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q . || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
  exit 0
fi
echo "Missing system packages: ${missing[*]}." >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
echo "Without chromium the browser tests are skipped (they fail in CI)." >&2
