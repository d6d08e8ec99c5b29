#!/usr/bin/env bash
# The project's test command (README, CI): builds everything, then runs every test, including
# the long store torture variants (KRAV_LONG_TESTS=0 for the quick ones only) and the tmux
# end-to-end test of the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
KRAV_LONG_TESTS=${KRAV_LONG_TESTS:-1} swift test "$@"
