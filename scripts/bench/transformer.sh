#!/usr/bin/env bash
# Training throughput of the Transformer: ours (nmt-bench train --architecture transformer) and
# the PyTorch one of the same size (scripts/bench/transformer_torch.py: d 256, 3 + 3 layers,
# 4 heads, feed-forward 1024), one after the other on this machine, 60 timed batches of 64
# sentences each after 3 warm-up batches, word vocabularies of Multi30k. Prints target tokens
# per second of both and their ratio. Installs nothing: needs python3 with torch.
#   scripts/bench/transformer.sh [BATCHES] [CORPUS]      (defaults: 60 ../shared/corpora/multi30k)
set -euo pipefail
cd "$(dirname "$0")/../.."
batches=${1:-60}; corpus=${2:-../shared/corpora/multi30k}
swift build -c release --product nmt-bench >/dev/null
ours=$(.build/release/nmt-bench train --architecture transformer --data "$corpus/tok" --batches "$batches" | tail -1)
peer=$(python3 scripts/bench/transformer_torch.py --data "$corpus/tok" --bench-batches "$batches" | tail -1)
echo "swift:   $ours"
echo "pytorch: $peer"
python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = (json.loads(s)["tgt_tokens_per_s"] for s in sys.argv[1:3])
print(f"Transformer target tokens/s: swift {ours:.0f}, pytorch {peer:.0f}, ratio {ours / peer:.2f}")
PY
