#!/usr/bin/env bash
# Multi30k in an hour: gets the data, trains the recipe configs/multi30k-SRC-TGT.yaml (a 57-minute
# budget), averages the last checkpoints, keeps whichever of the average, the best checkpoint and
# the ensemble of the two scores highest on val, then translates test_2016_flickr with beam search
# and prints its BLEU against the tokenized, lowercased references (tok/, no further
# tokenization), and the test BLEU of the candidates not chosen beside it. A recipe on raw text
# (raw/, `tokenized: false`) is chosen and scored on the raw references with sacreBLEU's defaults
# (cased, 13a), and its output is also scored as the tok/ recipes are (tokenized, lowercased).
#   scripts/multi30k.sh en de [LOCAL_COPY]       (or: de en; LOCAL_COPY default $NMT_SHARED/corpora/multi30k,
#                                                 where NMT_SHARED defaults to ../shared beside the repository)
#   AVERAGE=N averages the last N checkpoints (default 5; the recipe keeps 5).
#   RECIPE=FILE trains another recipe on the same data (configs/multi30k-transformer-en-de.yaml).
#   PRECISION=bf16 trains with training.precision: bf16 (into runs/RECIPE-bf16; default fp32).
#   MINUTES=M replaces the recipe's time budget (a model trained for a minute or two decodes
#   slowly: its beams run to the length limit).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
src=${1:?usage: scripts/multi30k.sh SRC TGT [LOCAL_COPY]}; tgt=${2:?usage: scripts/multi30k.sh SRC TGT [LOCAL_COPY]}
recipe=${RECIPE:-configs/multi30k-$src-$tgt.yaml}
[ -f "$recipe" ] || { echo "no recipe $recipe (there are: $(ls configs/multi30k-*.yaml | xargs -n1 basename | tr '\n' ' '))" >&2; exit 2; }
count=${AVERAGE:-5}
source scripts/lib/shared.sh
training_precision

scripts/recipes/get-multi30k.sh ${3:+"$3"}
source scripts/lib/release-nmt.sh

out=runs/$(basename "$recipe" .yaml)$([ "$precision" = fp32 ] || echo "-$precision")
rm -rf "$out"; mkdir -p "$out"
# The recipes name the shared copy as ../shared/corpora/multi30k/{tok,raw}: this run reads its own copy.
sed -e "s|\.\./shared/corpora/multi30k/|data/multi30k/|" ${MINUTES:+-e "s|^  max_minutes: .*|  max_minutes: $MINUTES|"} \
    -e "s|^training:$|training:\n  precision: $precision|" -e "s|^  directory: runs/.*|  directory: $out|" "$recipe" > "$out/config.yaml"

start=$(date +%s)
"$nmt" train --config "$out/config.yaml" 2>&1 | tee "$out/train.log" | grep --line-buffered -E "validation|budget|finished|stopped|error"
# The last checkpoints, oldest first (update-N.ckpt, sorted by N).
last=$(ls "$out"/update-*.ckpt | sed 's|.*/update-\([0-9]*\)\.ckpt|\1 &|' | sort -n | tail -n "$count" | cut -d' ' -f2)
"$nmt" average --output "$out/average.ckpt" $last
trained=$(( $(date +%s) - start ))
echo "training and averaging: $((trained / 60)) min $((trained % 60)) s"

NMT_SKIP_BUILD=1 scripts/recipes/multi30k-score.sh "$src" "$tgt" "$out" "$trained"
