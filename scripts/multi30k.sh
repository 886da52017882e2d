#!/usr/bin/env bash
# Multi30k in an hour: gets the data, trains the recipe configs/multi30k-SRC-TGT.yaml (a 57-minute
# budget), averages the last checkpoints, keeps the average or the best checkpoint (whichever
# scores higher on val), then translates test_2016_flickr with beam search and prints its BLEU
# against the tokenized, lowercased references (tok/, no further tokenization).
#   scripts/multi30k.sh en de [LOCAL_COPY]       (or: de en; LOCAL_COPY default ../shared/corpora/multi30k)
#   AVERAGE=N averages the last N checkpoints (default 5; the recipe keeps 5).
#   RECIPE=FILE trains another recipe on the same data (configs/multi30k-transformer-en-de.yaml).
#   MINUTES=M replaces the recipe's time budget (a model trained for a minute or two decodes
#   slowly: its beams run to the length limit).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
src=${1:?usage: scripts/multi30k.sh SRC TGT [LOCAL_COPY]}; tgt=${2:?usage: scripts/multi30k.sh SRC TGT [LOCAL_COPY]}
recipe=${RECIPE:-configs/multi30k-$src-$tgt.yaml}
[ -f "$recipe" ] || { echo "no recipe $recipe (there are: $(ls configs/multi30k-*.yaml | xargs -n1 basename | tr '\n' ' '))" >&2; exit 2; }
count=${AVERAGE:-5}

scripts/get-multi30k.sh ${3:+"$3"}
data=data/multi30k/tok
source scripts/release-nmt.sh

out=runs/$(basename "$recipe" .yaml)
rm -rf "$out"; mkdir -p "$out"
sed -e "s|\.\./shared/corpora/multi30k/tok|$data|" ${MINUTES:+-e "s|^  max_minutes: .*|  max_minutes: $MINUTES|"} \
    "$recipe" > "$out/config.yaml"

start=$(date +%s)
"$nmt" train --config "$out/config.yaml" 2>&1 | tee "$out/train.log" | grep --line-buffered -E "validation|budget|finished|stopped|error"
# The last checkpoints, oldest first (update-N.ckpt, sorted by N).
last=$(ls "$out"/update-*.ckpt | sed 's|.*/update-\([0-9]*\)\.ckpt|\1 &|' | sort -n | tail -n "$count" | cut -d' ' -f2)
"$nmt" average --output "$out/average.ckpt" $last
trained=$(( $(date +%s) - start ))
echo "training and averaging: $((trained / 60)) min $((trained % 60)) s"

score() { "$nmt" evaluate --checkpoint "$1" --source "$data/$2.$src" --reference "$data/$2.$tgt" --json "${@:3}"; }
field() { python3 -c "import json,sys; print(round(json.loads(sys.stdin.read())['$1'], 2))"; }
average_val=$(score "$out/average.ckpt" val | field bleu)
best_val=$(score "$out/best.ckpt" val | field bleu)
echo "val BLEU (beam 5): average of the last $count $average_val, best checkpoint $best_val"
chosen=$out/average.ckpt
if python3 -c "import sys; sys.exit(0 if $best_val > $average_val else 1)"; then chosen=$out/best.ckpt; fi

result=$(score "$chosen" test_2016_flickr --output "$out/test_2016_flickr.$tgt")
bleu=$(echo "$result" | field bleu); seconds=$(echo "$result" | field seconds)
echo "$result" > "$out/test.json"
echo "Multi30k $src→$tgt test_2016_flickr BLEU $bleu ($(basename "$chosen"), beam 5, tok/ references, tokenize none);" \
     "trained in $((trained / 60)) min $((trained % 60)) s; decoded 1000 sentences in $seconds s"
