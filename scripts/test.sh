#!/usr/bin/env bash
# Sets up and runs every test: installs the system packages, starts a local PostgreSQL with
# the test role, builds, and runs the whole suite (unit, integration against librdkafka's mock
# cluster and the real PostgreSQL, runtime parity on the committed fixtures). Exits non-zero
# when any test fails. Extra arguments go to `swift test` (e.g. --filter WorkerTests).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-system.sh
SUPPORT_TEST_DATABASE_URL="$(scripts/start-postgres.sh)"
export SUPPORT_TEST_DATABASE_URL
# The integration suites fail (rather than skip) when their services are missing.
export SUPPORT_REQUIRE_SERVICES=1

# Every generated or embedded file must match its sources.
python3 scripts/embed-resources.py --check
swift build --build-tests
# The configuration reference is generated from --help; it must match the code.
scripts/config-docs.sh --check
swift test --skip-build "$@"
