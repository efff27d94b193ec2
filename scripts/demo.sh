#!/usr/bin/env bash
# Sets up and runs the demo end to end: installs the system packages, starts a local
# PostgreSQL, builds the worker, then `support-worker demo` starts the dev broker and a worker
# in-process, migrates and seeds the database, and prints sample conversations.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh
SUPPORT_DATABASE_URL="$(scripts/start-postgres.sh)"
export SUPPORT_DATABASE_URL

swift build --product support-worker
exec .build/debug/support-worker demo "$@"
