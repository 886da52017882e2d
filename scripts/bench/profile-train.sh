#!/usr/bin/env bash
# Where training time goes: samples `nmt-bench train` with perf (Debian's linux-perf) and prints
# the share of samples in GEMM (OpenBLAS sgemm kernels and packing), our elementwise kernels
# (everything in nmt-bench itself and libm), waiting (scheduler, yields, futexes, OpenBLAS's
# thread server) and other (page faults, copies, allocation, the Swift runtime).
#   scripts/bench/profile-train.sh [BATCHES] [nmt-bench train options, e.g. --workers 1]
# BENCH overrides the binary (default .build/release/nmt-bench, built if missing). The data is
# $NMT_SHARED/corpora/multi30k/tok (NMT_SHARED: ../shared beside the repository) unless the
# options give --data.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
batches=${1:-30}; shift || true
[[ $batches =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [BATCHES] [nmt-bench train options]  (BATCHES a positive integer, not '$batches')" >&2; exit 2; }
data=$NMT_SHARED/corpora/multi30k/tok
[[ " $* " == *" --data "* ]] || shared_need "$data" "Multi30k, tokenized"
bench=${BENCH:-.build/release/nmt-bench}
[ -n "${BENCH:-}" ] || swift build -c release --product nmt-bench >/dev/null
command -v perf >/dev/null || { echo "bench/profile-train.sh needs perf (apt-get install linux-perf)" >&2; exit 2; }
samples=$(mktemp)
trap 'rm -f "$samples" "$samples.txt"' EXIT
# A --data among the options comes later and wins.
perf record -F 1999 -o "$samples" "$bench" train --data "$data" --batches "$batches" "$@" 2>/dev/null | tail -1
perf report -i "$samples" --no-children --sort dso,symbol --percent-limit 0 --stdio 2>/dev/null > "$samples.txt"
python3 - "$samples.txt" <<'PY'
import re, sys
waiting = re.compile(r"sched|yield|futex|do_syscall|entry_SYSCALL|spin_unlock|blas_thread_server|exec_blas|"
                     r"pthread_cond|lll_lock|_dispatch_(semaphore|sema4|wait)|sem_wait|cpuidle|idle")
shares = {"GEMM": 0.0, "elementwise": 0.0, "waiting": 0.0, "other": 0.0}
for line in open(sys.argv[1]):
    m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(.*)", line)
    if not m:
        continue
    share, dso, symbol = float(m.group(1)), m.group(2), m.group(4).strip()
    if "openblas" in dso and symbol.startswith("sgemm"):
        kind = "GEMM"
    elif waiting.search(symbol) or "openblas" in dso:
        kind = "waiting"
    elif dso.startswith("nmt") or dso.startswith("exe") or dso.startswith("libm"):
        kind = "elementwise"
    else:
        kind = "other"
    shares[kind] += share
total = sum(shares.values()) or 1
print("| GEMM | elementwise | waiting | other |")
print("|---|---|---|---|")
print("| " + " | ".join(f"{100 * shares[k] / total:.1f}%" for k in shares) + " |")
PY
