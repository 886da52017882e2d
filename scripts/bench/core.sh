#!/usr/bin/env bash
# Builds nmt-bench in release and runs the core benchmark (issue 2): Tensor.matmul vs cblas_sgemm,
# and the fused LSTM cell vs the GEMMs of one step. Extra arguments go to `nmt-bench core`:
#   --quick             one repetition, a smoke test
#   --repetitions N     more repetitions on a noisy machine (default 9)
#   --blas-threads 1    OpenBLAS on one thread: the matmul overhead without thread-scheduling noise
# Figures are only meaningful on an otherwise idle machine: the benchmark prints the load average
# before it starts (and after, which includes its own two threads).
# SCRATCH_PATH overrides the build folder (default .build-autodiff).
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch="${SCRATCH_PATH:-.build-autodiff}"
swift build -c release --scratch-path "$scratch" --product nmt-bench
"$scratch/release/nmt-bench" core "$@"
