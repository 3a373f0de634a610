#!/usr/bin/env bash
# Opt-in peer benchmark: sentence-transformers on the workload `make bench` wrote.
# Usage, from the repository root: bash bench/peers/run.sh [extra args for the Python script]
set -euo pipefail

# Resolve the root from this file so a run from elsewhere still finds output/bench.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

venv=.venv-peers
req=bench/peers/requirements.txt
stamp="$venv/requirements.sha256"

if [[ ! -x "$venv/bin/python" ]]; then
    # Debian ships venv's pip bootstrap separately, in python3-venv.
    if ! python3 -c 'import ensurepip' 2>/dev/null; then
        if [[ "$(id -u)" -eq 0 ]]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        else
            echo "error: python3-venv is missing; run: sudo apt-get install python3-venv" >&2
            exit 1
        fi
    fi
    echo "Creating $venv/ ..."
    python3 -m venv "$venv"
fi
# A '*' ignore file inside the venv keeps it out of git without editing the repo's .gitignore.
[[ -f "$venv/.gitignore" ]] || echo '*' > "$venv/.gitignore"

# The stamp holds the requirements' hash, so an unchanged venv skips pip entirely
# and an edited requirements.txt triggers a reinstall.
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    echo "Installing $req into $venv/ (about 3 GB of downloads the first time) ..."
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
fi

# OMP_NUM_THREADS only sizes the initial thread pool; the script sets torch's thread
# count per phase from the workload. Offline flags make a missing file fail loudly
# instead of reaching for a hub this machine cannot reach.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1

exec "$venv/bin/python" bench/peers/sentence_transformers_bench.py "$@"
