#!/usr/bin/env bash
# Installs the Debian packages the worker, its tests and its demo need, when missing:
# librdkafka and libpq (C libraries the worker links), the PostgreSQL server (tests and demo
# run a real one), kcat (an independent Kafka client used by a test), python3 (resource
# embedding check). Needs root or sudo. Swift 6 itself is not a Debian package on bookworm:
# install it from swift.org and put it on PATH; this script checks for it.
set -euo pipefail

packages=(librdkafka-dev libpq-dev postgresql kcat pkg-config python3)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup-system: installing ${missing[*]}" >&2
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2 || true
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup-system: the Swift 6 toolchain is not on PATH; install it from https://www.swift.org/install/linux/" >&2
    exit 1
fi
swift_version=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -n 1)
if [ -z "$swift_version" ] || [ "$swift_version" -lt 6 ]; then
    echo "setup-system: Swift 6 or newer is needed (found: $(swift --version 2>&1 | head -n 1))" >&2
    exit 1
fi
