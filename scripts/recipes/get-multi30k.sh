#!/usr/bin/env bash
# Puts Multi30k (task 1: English, German, French, Czech; train, val, test_2016_flickr; raw and
# tokenized) in data/multi30k/{raw,tok}: copied from a local folder when one is given or found
# (default $NMT_SHARED/corpora/multi30k; NMT_SHARED defaults to ../shared beside the
# repository), otherwise downloaded from the data set's public repository. The data is for
# non-commercial research and education (see its README).
#   scripts/recipes/get-multi30k.sh [LOCAL_FOLDER]     (relative to the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
copy=${1:-$NMT_SHARED/corpora/multi30k}
if [ -n "${1:-}" ] && ! { [ -d "$copy/raw" ] && [ -d "$copy/tok" ]; }; then
  echo "$0: $copy has no raw/ and tok/ folders (a copy of Multi30k task 1)" >&2
  exit 2
fi
out=data/multi30k
mkdir -p "$out/raw" "$out/tok"
splits="train val test_2016_flickr"
if [ -d "$copy/raw" ] && [ -d "$copy/tok" ]; then
  cp "$copy"/raw/* "$out/raw/"
  cp "$copy"/tok/* "$out/tok/"
  echo "copied Multi30k from $copy to $out"
else
  base=https://raw.githubusercontent.com/multi30k/dataset/master/data/task1
  for split in $splits; do
    for lang in en de fr cs; do
      curl -fsSL "$base/raw/$split.$lang.gz" | gunzip > "$out/raw/$split.$lang"
      curl -fsSL "$base/tok/$split.lc.norm.tok.$lang" > "$out/tok/$split.$lang"
    done
  done
  echo "downloaded Multi30k to $out"
fi
wc -l "$out"/tok/* | tail -1
