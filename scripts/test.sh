#!/usr/bin/env bash
# The test command: installs missing system packages, then runs every test on a release build
# (the training tests, such as the sequence-reversal task, are too slow in debug), and ends with
# one line `N passed, N failed`.
#   scripts/test.sh [swift test arguments, e.g. --filter BLEUTests]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test -c release -Xswiftc -enable-testing --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with" "$log" | tail -1 || true)
if [ -n "$summary" ]; then
  executed=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
  failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) failures?.*/\1/')
  skipped=$(echo "$summary" | sed -nE 's/.* with ([0-9]+) tests? skipped.*/\1/p')
  if [[ "$executed$failed${skipped:-0}" =~ ^[0-9]+$ ]]; then
    echo "$(( executed - failed - ${skipped:-0} )) passed, $failed failed, ${skipped:-0} skipped"
  fi
fi
exit $status
