#!/usr/bin/env bash
# Fuzzes nmt: N mutated inputs of each kind (checkpoint, config, corpus, options; default all),
# each run by the release nmt under a timeout. Fails on any crash signal or timeout and keeps
# the failing inputs, with a repro.sh each, in $FUZZ_KEEP. Deterministic for a given FUZZ_SEED.
#   scripts/checks/fuzz.sh N [KIND ...]
# Environment: NMT (an nmt binary; default: a release build in .build-fuzz), FUZZ_SEED (1),
# FUZZ_TIMEOUT (seconds per case, 10), FUZZ_KEEP (fuzz-failures), FUZZ_VERBOSE=1 (one line per case).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/checks/fuzz.sh N [checkpoint|config|corpus|options ...]" >&2
    exit 2
fi
count=$1
shift
if [ -z "${NMT:-}" ]; then
    scratch="${FUZZ_SCRATCH:-$root/.build-fuzz}"
    echo "fuzz: building nmt (release) in $scratch..." >&2
    (cd "$root" && swift build -c release --product nmt --scratch-path "$scratch") >&2
    NMT="$scratch/release/nmt"
fi
exec python3 "$root/scripts/checks/fuzz/run.py" --nmt "$NMT" --count "$count" --seed "${FUZZ_SEED:-1}" \
    --timeout "${FUZZ_TIMEOUT:-10}" --keep "${FUZZ_KEEP:-$root/fuzz-failures}" \
    ${FUZZ_VERBOSE:+--verbose} "$@"
