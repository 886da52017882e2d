#!/usr/bin/env bash
# The decoding half of scripts/multi30k.sh, on a finished run: scores the average of the last
# checkpoints (average.ckpt), the best checkpoint (best.ckpt) and the ensemble of the two
# (log-probabilities averaged at each step) on val with beam 5, keeps the highest, then prints
# test_2016_flickr BLEU (tok/ references, tokenize none) of the kept one, and of the others beside it.
# A run on raw text (its config.yaml reads data/multi30k/raw) is scored on the raw references with
# sacreBLEU's defaults (cased, 13a); its test output is then also tokenized and lowercased as tok/
# is (Moses rules, `nmt tokenize --lowercase`) and scored against tok/, as the tok/ recipes are.
#   scripts/recipes/multi30k-score.sh SRC TGT RUN_DIRECTORY [TRAINING_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
src=${1:?usage: scripts/recipes/multi30k-score.sh SRC TGT RUN_DIRECTORY [TRAINING_SECONDS]}; tgt=${2:?}; out=${3:?}
trained=${4:-}
if grep -q 'data/multi30k/raw/' "$out/config.yaml"; then raw=1; data=data/multi30k/raw; else raw=0; data=data/multi30k/tok; fi
source scripts/lib/release-nmt.sh

# $1 is one or more "--checkpoint FILE" words, split on purpose.
score() { "$nmt" evaluate $1 --source "$data/$2.$src" --reference "$data/$2.$tgt" --json "${@:3}"; }
field() { python3 -c "import json,sys; print(round(json.loads(sys.stdin.read())['$1'], 2))"; }
# The candidates, chosen by val BLEU alone: the average of the last checkpoints, the best
# checkpoint, and the ensemble of the two (log-probabilities averaged at each step).
names=(average best ensemble)
checkpoints=("--checkpoint $out/average.ckpt" "--checkpoint $out/best.ckpt"
             "--checkpoint $out/best.ckpt --checkpoint $out/average.ckpt")
chosen=0; chosen_val=-1
for i in 0 1 2; do
  result=$(score "${checkpoints[$i]}" val)
  val=$(echo "$result" | field bleu)
  echo "val BLEU (beam 5) of ${names[$i]}: $val (decoded in $(echo "$result" | field seconds) s)"
  if python3 -c "import sys; sys.exit(0 if $val > $chosen_val else 1)"; then chosen=$i; chosen_val=$val; fi
done
echo "chosen by val: ${names[$chosen]}"

# test_2016_flickr of every candidate (the choice above never sees these), the chosen one last.
for i in 0 1 2; do
  [ "$i" -eq "$chosen" ] && continue
  result=$(score "${checkpoints[$i]}" test_2016_flickr)
  echo "test_2016_flickr BLEU of ${names[$i]} (not chosen): $(echo "$result" | field bleu) (decoded in $(echo "$result" | field seconds) s)"
done
result=$(score "${checkpoints[$chosen]}" test_2016_flickr --output "$out/test_2016_flickr.$tgt")
bleu=$(echo "$result" | field bleu); seconds=$(echo "$result" | field seconds)
echo "$result" > "$out/test.json"
if [ "$raw" = 1 ]; then
  "$nmt" tokenize --language "$tgt" --lowercase < "$out/test_2016_flickr.$tgt" > "$out/test_2016_flickr.tok.$tgt"
  tokenized=$("$nmt" bleu --reference "data/multi30k/tok/test_2016_flickr.$tgt" --tokenize none --json \
              < "$out/test_2016_flickr.tok.$tgt" | head -1 | field score)
  echo "Multi30k $src→$tgt test_2016_flickr cased BLEU $bleu (${names[$chosen]}, beam 5, raw/ references, sacreBLEU 13a);" \
       "the same output tokenized and lowercased against tok/: BLEU $tokenized;" \
       "${trained:+trained in $((trained / 60)) min $((trained % 60)) s; }decoded 1000 sentences in $seconds s"
else
  echo "Multi30k $src→$tgt test_2016_flickr BLEU $bleu (${names[$chosen]}, beam 5, tok/ references, tokenize none);" \
       "${trained:+trained in $((trained / 60)) min $((trained % 60)) s; }decoded 1000 sentences in $seconds s"
fi
