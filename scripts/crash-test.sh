#!/usr/bin/env bash
# Crash harness: N runs of a tiny training (60 updates, a validation and save every 10, keep_last 3,
# keep_best 2), each killed with SIGKILL at a random moment (half of them killed again once
# resumed), then resumed to the end. In half the killed runs the saves pause after each of their
# steps (a test hook, NMT_TEST_SAVE_STEP_PAUSE_MS), so that kills land inside them often. After
# every kill: every checkpoint file loads, the best that latest.ckpt records is best.ckpt's model
# (or, a save cut short, latest.ckpt's own), the numbered copies it lists hold their updates'
# copies it lists hold their updates' models, metrics.jsonl is whole JSON lines; after the end:
# the run's checkpoint files are those of a run never interrupted, bit for bit. Prints the count of
# every check; exits 1 if any failed.
#   scripts/crash-test.sh N
# Environment: NMT (an nmt binary; default: a release build), CRASH_SEED (1), CRASH_PAUSE_MS (40),
# CRASH_KEEP (a directory to copy the work directory to at the first failure), CRASH_VERBOSE=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/crash-test.sh N" >&2
    exit 2
fi
if [ -z "${NMT:-}" ]; then
    source "$root/scripts/lib/release-nmt.sh"
    NMT="$nmt"
fi
exec python3 "$root/scripts/crash-test/run.py" --nmt "$NMT" --count "$1" --seed "${CRASH_SEED:-1}" \
    --pause-ms "${CRASH_PAUSE_MS:-40}" --keep "${CRASH_KEEP:-}" ${CRASH_VERBOSE:+--verbose}
