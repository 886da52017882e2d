#!/usr/bin/env bash
# Puts Multi30k (task 1: English, German, French; train, val, test_2016_flickr; raw and
# tokenized) in data/multi30k/{raw,tok}: copied from a local folder when one is given or found
# (default ../shared/corpora/multi30k), otherwise downloaded from the data set's public
# repository. The data is for non-commercial research and education (see its README).
#   scripts/recipes/get-multi30k.sh [LOCAL_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/../.."
local=${1:-../shared/corpora/multi30k}
out=data/multi30k
mkdir -p "$out/raw" "$out/tok"
splits="train val test_2016_flickr"
if [ -d "$local/raw" ] && [ -d "$local/tok" ]; then
  cp "$local"/raw/* "$out/raw/"
  cp "$local"/tok/* "$out/tok/"
  echo "copied Multi30k from $local to $out"
else
  base=https://raw.githubusercontent.com/multi30k/dataset/master/data/task1
  for split in $splits; do
    for lang in en de fr; do
      curl -fsSL "$base/raw/$split.$lang.gz" | gunzip > "$out/raw/$split.$lang"
      curl -fsSL "$base/tok/$split.lc.norm.tok.$lang" > "$out/tok/$split.$lang"
    done
  done
  echo "downloaded Multi30k to $out"
fi
wc -l "$out"/tok/* | tail -1
