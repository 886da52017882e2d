#!/usr/bin/env bash
# One epoch of the reference model on Multi30k (English→German by default), ours and the PyTorch
# peer's, one after the other on the same machine; prints the machine line (CPU, BLAS kernel,
# both thread counts), both validation BLEU scores (greedy, tokenized lowercased references, no
# further tokenization) and the training times. The peer is given as many threads as our
# training used, and the run fails if the two report different counts.
#   scripts/checks/compare-first-epoch.sh [SRC TGT] [CORPUS]      (default: en de $NMT_SHARED/corpora/multi30k)
#   NMT_SHARED defaults to ../shared beside the repository; CORPUS is taken from the repository root.
#   SEED=N (default 1) seeds both runs: initialization, dropout and batch order.
#   REUSE_PEER=1 keeps the peer's result from an earlier run of this script on this CPU (it does
#   not change with ours); a result recorded on another CPU is refused.
#   PRECISION=bf16 trains ours with training.precision: bf16 (into runs/first-epoch-SRC-TGT-bf16;
#   the peer stays float32).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
source scripts/lib/machine.sh
src=${1:-en}; tgt=${2:-de}; corpus=${3:-$NMT_SHARED/corpora/multi30k}
seed=${SEED:-1}
training_precision  # the peer stays float32: $autocast is not used
config=configs/peer-reference-$src-$tgt.yaml
[ -f "$config" ] || { echo "$0: no $config (there are: $(ls configs/peer-reference-*.yaml | xargs -n1 basename | tr '\n' ' '))" >&2; exit 2; }
[[ $seed =~ ^[0-9]+$ ]] || { echo "$0: SEED must be a non-negative integer, not '$seed'" >&2; exit 2; }
peer_script=$NMT_SHARED/peers/torch_s2s.py
shared_need "$corpus/tok" "Multi30k, tokenized"
shared_need "$peer_script" "the PyTorch peer"
peer_need
out=runs/first-epoch-$src-$tgt$([ "$seed" = 1 ] || echo "-seed$seed")$([ "$precision" = fp32 ] || echo "-$precision")
mkdir -p "$out"
swift build -c release --product nmt >/dev/null
# The config names the shared copy as ../shared/corpora/multi30k: this run reads $corpus.
sed -e "s|epochs: 12|epochs: 1|" -e "s|^  seed: 1$|  seed: $seed|" -e "s|^training:$|training:\n  precision: $precision|" -e "s|directory: runs/peer-reference-$src-$tgt|directory: $out|" \
    -e "s|\.\./shared/corpora/multi30k|$corpus|" "$config" > "$out/config.yaml"
start=$(date +%s)
# --overwrite: this script's own output directory, rerun on purpose.
.build/release/nmt train --config "$out/config.yaml" --overwrite > "$out/train.log" 2>&1
ours_s=$(( $(date +%s) - start ))
ours=$(grep '"kind":"valid"' "$out/metrics.jsonl" | tail -1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["bleu"])')
threads=$(sed -n 's/.*batches split across \([0-9][0-9]*\) worker thread.*/\1/p' "$out/train.log" | head -n 1)
# The peer's output is kept in peer.jsonl after a line naming this machine (its CPU decides reuse).
reused=""
if [ -n "${REUSE_PEER:-}" ] && [ -s "$out/peer.jsonl" ]; then
  peer_reusable "$out/peer.jsonl"
  echo "REUSE_PEER: the peer's result from $out/peer.jsonl"
  peer_output=$(tail -n +2 "$out/peer.jsonl")
  reused=1
else
  peer_output=$(python3 "$peer_script" --data "$corpus/tok" --src "$src" --tgt "$tgt" --epochs 1 --seed "$seed" \
                  --threads "${threads:-1}")
fi
peer_threads=$(echo "$peer_output" | json_threads)
machine=$(machine_line .build/release/nmt "swift ${threads:-?}, pytorch ${peer_threads:-?}")
echo "$machine"
[ -n "$reused" ] || echo "$peer_output" | peer_keep "$out/peer.jsonl" "$machine"
same_threads "$threads" "$peer_threads"
peer=$(echo "$peer_output" | tail -n 1)
peer_bleu=$(echo "$peer" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["val_bleu"])')
peer_s=$(echo "$peer" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["train_s"])')
echo "first epoch $src→$tgt, seed $seed, validation BLEU (greedy): ours $ours (whole run ${ours_s}s), pytorch $peer_bleu (training ${peer_s}s)"
