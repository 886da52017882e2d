#!/usr/bin/env bash
# Builds nmt-bench in release and runs the core benchmark (issue 2): Tensor.matmul vs cblas_sgemm,
# and the fused LSTM cell vs the GEMMs of one step. Both sides of each comparison run in the one
# process on the same thread budget; the machine line first names the CPU, the BLAS kernel
# (`nmt info`, so nmt is built too) and that budget. Extra arguments go to `nmt-bench core`:
#   --quick             one repetition, a smoke test
#   --repetitions N     more repetitions on a noisy machine (default 9)
#   --blas-threads 1    OpenBLAS on one thread: the matmul overhead without thread-scheduling noise
#   scripts/bench/core.sh [--quick] [--repetitions N] [--blas-threads N]
# Figures are only meaningful on an otherwise idle machine: the benchmark prints the load average
# before it starts (and after, which includes its own two threads).
# SCRATCH_PATH overrides the build folder (default .build-autodiff).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/machine.sh
scratch="${SCRATCH_PATH:-.build-autodiff}"
swift build -c release --scratch-path "$scratch" --product nmt-bench
swift build -c release --scratch-path "$scratch" --product nmt >/dev/null  # `nmt info`: the BLAS kernel
nmt=$scratch/release/nmt
cores=$(nmt_threads "$nmt")
threads=$cores
arguments=("$@")
for i in "${!arguments[@]}"; do
  if [ "${arguments[$i]}" = --blas-threads ]; then
    threads=${arguments[$((i + 1))]:-}
    [[ $threads =~ ^[1-9][0-9]*$ ]] || { echo "$0: --blas-threads needs a positive integer" >&2; exit 2; }
  fi
done
[ "$threads" -le "$cores" ] || threads=$cores  # as nmt-bench does: no more threads than cores
machine_line "$nmt" "Tensor.matmul and cblas_sgemm alike, $threads"
"$scratch/release/nmt-bench" core "$@"
