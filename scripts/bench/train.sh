#!/usr/bin/env bash
# Training throughput on the reference configuration (see ../shared/peers/torch_s2s.py): ours and
# the PyTorch peer's, one after the other on this machine, 60 timed batches of 64 sentences each
# after 3 warm-up batches. Prints target tokens per second of both and their ratio.
#   scripts/bench/train.sh [BATCHES] [CORPUS]      (defaults: 60 ../shared/corpora/multi30k)
set -euo pipefail
cd "$(dirname "$0")/../.."
batches=${1:-60}; corpus=${2:-../shared/corpora/multi30k}
swift build -c release --product nmt-bench >/dev/null
ours=$(.build/release/nmt-bench train --data "$corpus/tok" --batches "$batches" | tail -1)
peer=$(python3 ../shared/peers/torch_s2s.py --data "$corpus/tok" --bench-batches "$batches" | tail -1)
echo "swift:   $ours"
echo "pytorch: $peer"
python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = (json.loads(s)["tgt_tokens_per_s"] for s in sys.argv[1:3])
print(f"target tokens/s: swift {ours:.0f}, pytorch {peer:.0f}, ratio {ours / peer:.2f}")
PY
