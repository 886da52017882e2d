#!/usr/bin/env bash
# Checks nmt's text tools against the tools people already use, through the nmt command line:
#  1. `nmt tokenize --lowercase` on Multi30k raw/train.{en,de,fr} against the data set's own
#     tok/ files (Moses normalize-punctuation + tokenizer.perl + lowercasing), after undoing
#     their XML escapes: the share of identical lines per language (target: at least 97%);
#  2. `nmt bpe learn --merges 8000` on tok/train.en against subword-nmt's `learn_bpe -s 8000`
#     (must be identical line for line), and `nmt bpe apply` against `apply_bpe` on tok/val.en
#     (must be identical), with the learning times of both.
#
# Usage: scripts/checks/text-tools.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to $NMT_SHARED/corpora/multi30k (NMT_SHARED: ../shared beside the repository).
#   SHOW_DIFFS=N prints the first N differing lines per language.
#   NMT_SKIP_BUILD=1 uses the nmt already in .build/release.
# Exit status: 0 if every figure meets its target, 1 otherwise, 2 when the corpus is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/shared.sh"
corpus="${1:-$NMT_SHARED/corpora/multi30k}"
shared_need "$corpus/raw" "Multi30k's raw text"
shared_need "$corpus/tok" "Multi30k's tokenized text"
corpus="$(cd "$corpus" && pwd)"

cd "$root"
source "$root/scripts/lib/release-nmt.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
status=0

# tokenizer.perl's escapes, undone; &amp; last so that "&amp;apos;" stays "&apos;".
unescape() {
    sed -e "s/&apos;/'/g" -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' \
        -e 's/&#91;/[/g' -e 's/&#93;/]/g' -e 's/&#124;/|/g' -e 's/&amp;/\&/g' "$1"
}

# Prints "equal total" for two files compared line by line.
count_equal() {
    awk 'NR == FNR { a[FNR] = $0; n = FNR; next } { if (a[FNR] == $0) e++ } END { print e + 0, n }' "$1" "$2"
}

echo "== tokenizer vs Multi30k tok/ (Moses), train split, lowercased"
for lang in en de fr; do
    unescape "$corpus/tok/train.$lang" > "$work/ref.$lang"
    start=$(now)
    "$nmt" tokenize --language "$lang" --lowercase < "$corpus/raw/train.$lang" > "$work/nmt.$lang"
    end=$(now)
    read -r equal total < <(count_equal "$work/ref.$lang" "$work/nmt.$lang")
    pct=$(awk -v e="$equal" -v t="$total" 'BEGIN { printf "%.2f", 100 * e / t }')
    echo "$lang: $equal of $total lines identical ($pct%), tokenized in $(seconds "$start" "$end") s"
    awk -v p="$pct" 'BEGIN { exit !(p >= 97) }' || status=1
    if [ "${SHOW_DIFFS:-0}" -gt 0 ]; then
        paste -d '\n' "$work/ref.$lang" "$work/nmt.$lang" | awk -v max="$SHOW_DIFFS" '
            NR % 2 == 1 { ref = $0; next }
            $0 != ref && shown < max { shown++; printf "  line %d\n    moses: %s\n    nmt:   %s\n", NR / 2, ref, $0 }'
    fi
done

echo "== BPE vs subword-nmt, 8000 merges on tok/train.en, applied to tok/val.en"
if ! python3 -c "import subword_nmt" 2>/dev/null; then
    echo "subword-nmt is not installed (pip install subword-nmt); skipped"
    exit $status
fi
echo "subword-nmt $(python3 -c 'import importlib.metadata as m; print(m.version("subword-nmt"))')"
start=$(now)
python3 -m subword_nmt.learn_bpe -s 8000 < "$corpus/tok/train.en" > "$work/subword-nmt.codes" 2>/dev/null
end=$(now)
echo "subword-nmt learn_bpe: $(seconds "$start" "$end") s"
start=$(now)
"$nmt" bpe learn --merges 8000 --input "$corpus/tok/train.en" --output "$work/nmt.codes"
end=$(now)
echo "nmt bpe learn:         $(seconds "$start" "$end") s"
read -r equal total < <(count_equal "$work/subword-nmt.codes" "$work/nmt.codes")
lines=$(wc -l < "$work/nmt.codes")
echo "merges files: $equal of $total subword-nmt lines identical, nmt wrote $lines lines"
[ "$equal" -eq "$total" ] && [ "$lines" -eq "$total" ] || status=1

python3 -m subword_nmt.apply_bpe -c "$work/subword-nmt.codes" < "$corpus/tok/val.en" > "$work/subword-nmt.val"
"$nmt" bpe apply --merges "$work/nmt.codes" < "$corpus/tok/val.en" > "$work/nmt.val"
# Each tool with the other's merges, too.
"$nmt" bpe apply --merges "$work/subword-nmt.codes" < "$corpus/tok/val.en" > "$work/nmt-with-their-codes.val"
python3 -m subword_nmt.apply_bpe -c "$work/nmt.codes" < "$corpus/tok/val.en" > "$work/subword-nmt-with-our-codes.val"
for pair in "nmt.val:own merges" "nmt-with-their-codes.val:subword-nmt's merges" \
            "subword-nmt-with-our-codes.val:subword-nmt applying nmt's merges"; do
    file="${pair%%:*}"; label="${pair#*:}"
    read -r equal total < <(count_equal "$work/subword-nmt.val" "$work/$file")
    echo "apply ($label): $equal of $total val lines identical to subword-nmt"
    [ "$equal" -eq "$total" ] || status=1
done
exit $status
