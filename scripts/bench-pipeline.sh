#!/usr/bin/env bash
# Measures the whole pipeline the way it runs in production: the dev broker, the worker(s) and
# the load generator as separate processes, PostgreSQL local. Prints loadgen's summary.
#
#   scripts/bench-pipeline.sh [--workers N] [loadgen options, e.g. --rate 200 --count 4000]
#
# librdkafka's mock broker answers a fetch only when fetch.wait.max.ms runs out (a real broker
# answers as soon as data arrives), so the worker runs with fetch.wait.max.ms=5 here to keep
# that artefact out of the latency.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=1
if [ "${1:-}" = "--workers" ]; then workers=$2; shift 2; fi

scripts/setup-system.sh
database_url="$(scripts/start-postgres.sh)"
swift build -c release --product support-worker >&2
bin=.build/release/support-worker
work=$(mktemp -d)
pids=()
cleanup() {
    # Workers first (they finish in-flight work and commit), the broker last.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -INT "${pids[$i]}" 2>/dev/null || true
        wait "${pids[$i]}" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" seed-demo --database-url "$database_url" >&2
"$bin" dev-broker --partitions 12 --bootstrap-file "$work/bootstrap" >/dev/null 2>"$work/broker.log" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/bootstrap" ] && break; sleep 0.1; done
brokers=$(cat "$work/bootstrap")

for i in $(seq 1 "$workers"); do
    "$bin" run --brokers "$brokers" --database-url "$database_url" --group bench --status-port 0 \
        --session-timeout 6s --kafka-property fetch.wait.max.ms=5,socket.nagle.disable=true \
        --log-level warning 2>"$work/worker-$i.log" &
    pids+=($!)
done

"$bin" loadgen --brokers "$brokers" "$@"
