#!/usr/bin/env bash
# Training throughput on the reference configuration (see $NMT_SHARED/peers/torch_s2s.py): ours and
# the PyTorch peer's, one after the other on this machine, 60 timed batches of 64 sentences each
# after 3 warm-up batches. The peer is given as many threads as ours used, and the run fails if
# the two report different counts. Prints the machine line (CPU, BLAS kernel, both thread
# counts), target tokens per second of both and their ratio.
#   scripts/bench/train.sh [BATCHES] [CORPUS]      (defaults: 60 $NMT_SHARED/corpora/multi30k)
#   NMT_SHARED defaults to ../shared beside the repository; CORPUS is taken from the repository root.
#   PRECISION=bf16: ours with training products on bfloat16 inputs (training.precision: bf16), the
#   PyTorch side under bf16 autocast (scripts/bench/autocast.py); default fp32, both in float32.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
source scripts/lib/machine.sh
batches=${1:-60}; corpus=${2:-$NMT_SHARED/corpora/multi30k}
training_precision
[[ $batches =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [BATCHES] [CORPUS]  (BATCHES a positive integer, not '$batches')" >&2; exit 2; }
peer_script=$NMT_SHARED/peers/torch_s2s.py
shared_need "$corpus/tok" "Multi30k, tokenized"
shared_need "$peer_script" "the PyTorch peer"
peer_need
swift build -c release --product nmt-bench >/dev/null
swift build -c release --product nmt >/dev/null  # `nmt info` names the BLAS kernel
ours=$(.build/release/nmt-bench train --data "$corpus/tok" --batches "$batches" --precision "$precision" | tail -1)
threads=$(echo "$ours" | json_threads)
peer_output=$(python3 "${autocast[@]}" "$peer_script" --data "$corpus/tok" --bench-batches "$batches" --threads "${threads:-1}")
training_ratio "$precision target tokens/s" "$ours" "$peer_output"
