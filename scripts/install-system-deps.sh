#!/usr/bin/env bash
# Install the Debian 12 packages the portal and its test suite need, but only those missing:
# when everything is present this touches neither apt nor the network.
#
#   scripts/install-system-deps.sh              # the full list below
#   scripts/install-system-deps.sh python3-venv # just these packages
#
# Runs apt-get directly as root (CI), through sudo otherwise.
set -euo pipefail

DEFAULT_PACKAGES=(
	python3 python3-venv make gettext # the venv, the Makefile, compilemessages
	postgresql redis-server           # the throwaway servers the tests start
	chromium chromium-driver          # browser tests (Playwright drives Debian's Chromium)
	poppler-utils                     # pdftotext/pdftoppm to read generated PDFs back
	fonts-dejavu fonts-liberation2    # fonts with å ä ö for WeasyPrint and Chromium
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 # WeasyPrint's text layout
)

if (($# > 0)); then
	packages=("$@")
else
	packages=("${DEFAULT_PACKAGES[@]}")
fi

missing=()
for package in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$package")
	fi
done

if ((${#missing[@]} == 0)); then
	exit 0
fi

if ((EUID == 0)); then
	as_root=()
elif command -v sudo >/dev/null; then
	as_root=(sudo)
else
	echo "Missing system packages: ${missing[*]}" >&2
	echo "Install them as root: apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
