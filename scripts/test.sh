#!/usr/bin/env bash
# The test command: installs missing system packages (with Chromium, for the page test of
# `nmt serve`), then runs every test on a release build
# (the training tests, such as the sequence-reversal task, are too slow in debug), and ends with
# one line `N passed, N failed`. The tests run with the OpenBLAS kernel `nmt info` names.
#   scripts/test.sh [swift test arguments, e.g. --filter BLEUTests]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift build -c release -Xswiftc -enable-testing --build-tests 2>&1 | tee "$log" || status=$?
if [ "$status" -eq 0 ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  # The tests run the BLAS kernel nmt itself runs on this machine (`nmt info` says which and why):
  # the test process is not restarted the way nmt is, and OpenBLAS reads the variable only when
  # it loads.
  kernel=$(.build/release/nmt info | sed -n 's/^BLAS kernel: *\([A-Za-z0-9_]*\) .*/\1/p' || true)
  [ -n "$kernel" ] && export OPENBLAS_CORETYPE="$kernel" && echo "tests run with OPENBLAS_CORETYPE=$kernel"
fi
[ "$status" -eq 0 ] && { swift test -c release -Xswiftc -enable-testing --disable-swift-testing --skip-build "$@" 2>&1 | tee -a "$log" || status=$?; }
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
