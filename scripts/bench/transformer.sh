#!/usr/bin/env bash
# Training throughput of the Transformer: ours (nmt-bench train --architecture transformer) and
# the PyTorch one of the same size (scripts/bench/transformer_torch.py: d 256, 3 + 3 layers,
# 4 heads, feed-forward 1024), one after the other on this machine, 60 timed batches of 64
# sentences each after 3 warm-up batches, word vocabularies of Multi30k. The PyTorch side is
# given as many threads as ours used, and the run fails if the two report different counts.
# Prints the machine line (CPU, BLAS kernel, both thread counts), target tokens per second of
# both and their ratio. Installs nothing: needs python3 with torch.
#   scripts/bench/transformer.sh [BATCHES] [CORPUS]      (defaults: 60 $NMT_SHARED/corpora/multi30k)
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
shared_need "$corpus/tok" "Multi30k, tokenized"
peer_need
swift build -c release --product nmt-bench >/dev/null
swift build -c release --product nmt >/dev/null  # `nmt info` names the BLAS kernel
ours=$(.build/release/nmt-bench train --architecture transformer --data "$corpus/tok" --batches "$batches" --precision "$precision" | tail -1)
threads=$(echo "$ours" | json_threads)
peer_output=$(python3 "${autocast[@]}" scripts/bench/transformer_torch.py --data "$corpus/tok" --bench-batches "$batches" --threads "${threads:-1}")
training_ratio "Transformer $precision target tokens/s" "$ours" "$peer_output"
