#!/usr/bin/env bash
# One epoch of the reference model on Multi30k (English→German by default), ours and the PyTorch
# peer's, one after the other on the same machine; prints both validation BLEU scores (greedy,
# tokenized lowercased references, no further tokenization) and the training times.
#   scripts/checks/compare-first-epoch.sh [SRC TGT] [CORPUS]      (default: en de ../shared/corpora/multi30k)
#   SEED=N (default 1) seeds both runs: initialization, dropout and batch order.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=${1:-en}; tgt=${2:-de}; corpus=${3:-../shared/corpora/multi30k}
seed=${SEED:-1}
out=runs/first-epoch-$src-$tgt$([ "$seed" = 1 ] || echo "-seed$seed")
mkdir -p "$out"
swift build -c release --product nmt >/dev/null
sed -e "s|epochs: 12|epochs: 1|" -e "s|^  seed: 1$|  seed: $seed|" -e "s|directory: runs/peer-reference-$src-$tgt|directory: $out|" \
    -e "s|\.\./shared/corpora/multi30k|$corpus|" "configs/peer-reference-$src-$tgt.yaml" > "$out/config.yaml"
start=$(date +%s)
# --overwrite: this script's own output directory, rerun on purpose.
.build/release/nmt train --config "$out/config.yaml" --overwrite > "$out/train.log" 2>&1
ours_s=$(( $(date +%s) - start ))
ours=$(grep '"kind":"valid"' "$out/metrics.jsonl" | tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["bleu"])')
# REUSE_PEER=1 keeps the peer's result from an earlier run of this script (it does not change with ours).
if [ -n "${REUSE_PEER:-}" ] && [ -s "$out/peer.json" ]; then
  peer=$(cat "$out/peer.json")
else
  peer=$(python3 ../shared/peers/torch_s2s.py --data "$corpus/tok" --src "$src" --tgt "$tgt" --epochs 1 --seed "$seed" | tail -1)
  echo "$peer" > "$out/peer.json"
fi
peer_bleu=$(echo "$peer" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["val_bleu"])')
peer_s=$(echo "$peer" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["train_s"])')
echo "first epoch $src→$tgt, seed $seed, validation BLEU (greedy): ours $ours (whole run ${ours_s}s), pytorch $peer_bleu (training ${peer_s}s)"
