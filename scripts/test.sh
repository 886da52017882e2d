#!/usr/bin/env bash
# The test command: installs missing system packages, then runs every test on a release build
# (the training tests, such as the sequence-reversal task, are too slow in debug).
#   scripts/test.sh [swift test arguments, e.g. --filter BLEUTests]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift test -c release -Xswiftc -enable-testing "$@"
