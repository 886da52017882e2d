#!/usr/bin/env bash
# Beam-5 decoding speed on Multi30k test_2016_flickr (1,000 sentences), ours and the PyTorch
# peer's, each with the reference model after one epoch of English→German training, one after
# the other on this machine. Our checkpoint comes from scripts/checks/compare-first-epoch.sh (trained
# here if missing); the peer trains its epoch itself (--epochs 1 --decode-bench).
#   scripts/bench/translate.sh [CHECKPOINT] [CORPUS]
#   A checkpoint with a shortlist (`nmt shortlist`) is decoded with it, unless SHORTLIST=off.
#   REUSE_PEER=1 keeps the peer's timings from an earlier run of this script (its epoch takes
#   minutes and does not change with ours).
set -euo pipefail
cd "$(dirname "$0")/../.."
checkpoint=${1:-runs/first-epoch-en-de/best.ckpt}; corpus=${2:-../shared/corpora/multi30k}
swift build -c release --product nmt >/dev/null
[ -f "$checkpoint" ] || scripts/checks/compare-first-epoch.sh en de "$corpus"
test_src="$corpus/tok/test_2016_flickr.en"; test_ref="$corpus/tok/test_2016_flickr.de"
mkdir -p runs
for beam in 1 5; do
  .build/release/nmt evaluate --checkpoint "$checkpoint" --source "$test_src" --reference "$test_ref" --beam "$beam" \
      --shortlist "${SHORTLIST:-on}" --json
done | tee runs/bench-translate-swift.jsonl
if [ -n "${REUSE_PEER:-}" ] && [ -s runs/bench-translate-pytorch.jsonl ]; then
  cat runs/bench-translate-pytorch.jsonl
else
  python3 ../shared/peers/torch_s2s.py --data "$corpus/tok" --epochs 1 --decode-bench | grep decode_beam | tee runs/bench-translate-pytorch.jsonl
fi
python3 - <<'PY'
import json
ours = {j["beam"]: j for j in map(json.loads, open("runs/bench-translate-swift.jsonl"))}
peer = {j["decode_beam"]: j for j in map(json.loads, open("runs/bench-translate-pytorch.jsonl"))}
for beam in (1, 5):
    o, p = ours[beam], peer[beam]
    print(f"beam {beam}: swift {o['seconds']:.2f} s (BLEU {o['bleu']:.2f}), pytorch {p['seconds']:.2f} s (BLEU {p['bleu']:.2f}), speed ratio {p['seconds'] / o['seconds']:.2f}")
PY
