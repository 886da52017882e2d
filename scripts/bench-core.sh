#!/usr/bin/env bash
# Builds nmt-bench in release and runs the core benchmark (issue 2): Tensor.matmul vs cblas_sgemm,
# and the fused LSTM cell vs the GEMMs of one step. Extra arguments go to `nmt-bench core`
# (e.g. --quick, --repetitions 15). Figures are only meaningful on an otherwise idle machine:
# the benchmark prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build-autodiff}"
swift build -c release --scratch-path "$scratch" --product nmt-bench
"$scratch/release/nmt-bench" core "$@"
