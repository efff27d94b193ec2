#!/usr/bin/env bash
# Scores the understanding on the held-out test set (training/data/test/test.source.txt, never
# trained on) with the shipped model and with the rules alone, in a release build. Extra
# arguments go to both runs (e.g. --nlu-model DIR, --misses FILE).
#
#     scripts/eval-nlu.sh [--data FILE] [eval-nlu options]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product support-worker >&2
bin=.build/release/support-worker
data=training/data/test/test.source.txt
if [[ "${1:-}" == "--data" ]]; then data="$2"; shift 2; fi
echo "== Transformer model (default)"
"$bin" eval-nlu --data "$data" --reference-date 2026-11-20 "$@"
echo
echo "== rules alone"
"$bin" eval-nlu --data "$data" --reference-date 2026-11-20 --nlu rules | head -20
