#!/usr/bin/env bash
# Times the text side of training data preparation on a release build: reading, normalizing,
# lowercasing, tokenizing and BPE-segmenting both sides of Multi30k train (29,000 lines each),
# through the nmt command line, one step after the other (no pipes running side by side).
# The BPE merges (10,000, learned jointly on both tokenized sides) are learned beforehand;
# that time is printed separately. Target: under 2 seconds for the timed steps together.
# The machine line (CPU, BLAS kernel, threads) comes first; the text tools run on one thread
# and nothing else is timed beside them.
#
# Usage: scripts/bench/text.sh [CORPUS_DIR] [SOURCE TARGET]
#   CORPUS_DIR defaults to $NMT_SHARED/corpora/multi30k (NMT_SHARED: ../shared beside the
#   repository); the languages default to en de. NMT_SKIP_BUILD=1 uses the nmt already in .build/release.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/shared.sh"
corpus=$(realpath -m "${1:-$NMT_SHARED/corpora/multi30k}")
source_lang="${2:-en}"
target_lang="${3:-de}"
shared_need "$corpus/raw/train.$source_lang" "Multi30k's raw text"
shared_need "$corpus/raw/train.$target_lang" "Multi30k's raw text"

cd "$root"
source "$root/scripts/lib/release-nmt.sh"
source "$root/scripts/lib/machine.sh"
machine_line "$nmt" "nmt's text tools 1 (no other side)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Untimed preparation: merges learned on this tokenizer's output of both sides.
for lang in "$source_lang" "$target_lang"; do
    "$nmt" tokenize --language "$lang" --lowercase < "$corpus/raw/train.$lang" > "$work/prep.$lang"
done
start=$(now)
"$nmt" bpe learn --merges 10000 --input "$work/prep.$source_lang" --input "$work/prep.$target_lang" --output "$work/codes"
echo "learn 10000 joint merges: $(seconds "$start" "$(now)") s (not part of the total)"

total=0
for lang in "$source_lang" "$target_lang"; do
    start=$(now)
    "$nmt" tokenize --language "$lang" --lowercase < "$corpus/raw/train.$lang" > "$work/tok.$lang"
    middle=$(now)
    "$nmt" bpe apply --merges "$work/codes" < "$work/tok.$lang" > "$work/bpe.$lang"
    end=$(now)
    lines=$(wc -l < "$work/bpe.$lang")
    units=$(wc -w < "$work/bpe.$lang")
    echo "$lang: $lines lines, tokenize $(seconds "$start" "$middle") s, bpe apply $(seconds "$middle" "$end") s ($units units)"
    total=$(awk -v t="$total" -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", t + b - a }')
done
echo "total (read + normalize + tokenize + BPE, both sides): $total s"
