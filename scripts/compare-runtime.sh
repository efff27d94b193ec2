#!/usr/bin/env bash
# Measures the Swift inference runtime and its peers side by side on this machine and prints a
# table of medians with ratios against the targets of issue 4.
#
#   scripts/compare-runtime.sh [--rounds N] [--threads "1 2"] [--parts "matmul encoder decoder"]
#
# Needs scripts/fetch-models.sh (models/) and scripts/reference/setup.sh (.venv-reference/).
# Each round runs the release runtime-bench and scripts/reference/peer_bench.py one after the
# other (same parts, same thread counts); the table shows, per figure, the median over rounds of
# each side's median, the spread over rounds (min-max), and the ratio. On a shared, busy machine
# use several rounds and read the spread.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds=3
threads="1 2"
parts="matmul encoder decoder"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --parts) parts="$2"; shift 2 ;;
        *) echo "usage: $0 [--rounds N] [--threads \"1 2\"] [--parts \"matmul encoder decoder\"]" >&2; exit 2 ;;
    esac
done
venv="${REFERENCE_VENV:-$root/.venv-reference}"
[[ -x "$venv/bin/python" ]] || { echo "no reference venv at $venv; run scripts/reference/setup.sh" >&2; exit 1; }
[[ -d "${SUPPORT_MODELS_DIR:-$root/models}" ]] || { echo "no models; run scripts/fetch-models.sh" >&2; exit 1; }

swift build -c release --product runtime-bench >&2
bench="$(swift build -c release --show-bin-path)/runtime-bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
comma_threads="${threads// /,}"
comma_parts="${parts// /,}"
models="${SUPPORT_MODELS_DIR:-$root/models}"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds: swift runtime-bench" >&2
    "$bench" --parts "$comma_parts" --threads "$comma_threads" --models "$models" \
        | sed "s/^{/{\"round\": $round, \"side\": \"swift\", /" >> "$work/figures.jsonl"
    echo "round $round/$rounds: peers (numpy/OpenBLAS, onnxruntime, llama.cpp)" >&2
    # shellcheck disable=SC2086
    "$venv/bin/python" scripts/reference/peer_bench.py --threads $threads --parts $parts 2>/dev/null \
        | sed "s/^{/{\"round\": $round, \"side\": \"peer\", /" >> "$work/figures.jsonl"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$work/figures.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{") and '"figure"' in line]
# Targets: (higher is better?, the least acceptable ratio of swift to peer performance).
targets = {
    "matmul_gflops": (True, 0.70),
    "encoder_latency_ms": (False, 1.00),
    "decoder_prompt_tokens_per_s": (True, 0.50),
    "decoder_generation_tokens_per_s": (True, 0.80),
    "peak_rss_mib": (False, None),
}
series = {}
for row in rows:
    key = (row["figure"], row["workload"], row["threads"])
    series.setdefault(key, {}).setdefault(row["side"], []).append(row["value"])
order = list(targets)
print(f"{'figure':34} {'workload':16} {'thr':>3} {'swift':>10} {'(spread)':>17} {'peer':>10} {'(spread)':>17} {'ratio':>6}  target")
for key in sorted(series, key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[2], k[1])):
    figure, workload, threads = key
    sides = series[key]
    if "swift" not in sides or "peer" not in sides:
        continue
    swift, peer = statistics.median(sides["swift"]), statistics.median(sides["peer"])
    higher, minimum = targets.get(figure, (True, None))
    ratio = swift / peer if higher else peer / swift
    verdict = "" if minimum is None else ("ok" if ratio >= minimum else "BELOW") + f" (>= {minimum:.2f})"
    spread = lambda v: f"({min(v):.4g}-{max(v):.4g})"
    print(f"{figure:34} {workload:16} {threads:>3} {swift:>10.4g} {spread(sides['swift']):>17} "
          f"{peer:>10.4g} {spread(sides['peer']):>17} {ratio:>6.2f}  {verdict}")
print("\nratio: swift performance relative to the peer (GFLOP/s and tokens/s: swift/peer; latency and memory: peer/swift);"
      " above 1 means the Swift runtime is faster or smaller.")
PY
