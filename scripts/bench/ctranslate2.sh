#!/usr/bin/env bash
# Decoding speed against CTranslate2 (issue 30) on Multi30k test_2016_flickr (1,000 sentences):
# one Transformer checkpoint, exported with `nmt export --format ctranslate2`, decoded by
# `nmt evaluate` and by CTranslate2 one after the other, each on 2 threads (CTranslate2: two
# single-threaded translators side by side, its fastest setting for this file on 2 cores), greedy and beam 5,
# float32 and int8. CTranslate2 decodes through the exported translate.py, which does what nmt
# does (the same text steps, nmt's length limit per sentence, no shortlist: nmt runs with
# --shortlist off); its int8 is the float32 export quantized when loaded (compute_type int8).
# nmt's int8 column runs only when `nmt quantize` exists; on a CPU with AVX-512 BF16 nmt also
# decodes with `--precision bf16`, set against CTranslate2's float32 and int8 (it has no bf16 on a
# CPU). Both sides time translating the file, text steps included, model loading excluded; both are
# scored by `nmt bleu` as `nmt evaluate` scores. Prints the machine line (CPU, nmt's BLAS kernel,
# threads), CTranslate2's version, CPU ISA and GEMM backend, how many greedy float32 lines are
# equal, then per beam and precision both times, both BLEU scores and the ratio CTranslate2 seconds
# / nmt seconds (above 1: nmt is faster). The lines also go to runs/bench-ctranslate2.jsonl.
#   scripts/bench/ctranslate2.sh CHECKPOINT [CORPUS]     (CORPUS default $NMT_SHARED/corpora/multi30k)
#   NMT_SHARED defaults to ../shared beside the repository; paths are taken from the repository root.
#   NMT_SKIP_BUILD=1 runs .build/release/nmt as it is, without building it.
# On a machine with more than 2 cores both sides run under `taskset -c 0,1`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
source scripts/lib/shared.sh
source scripts/lib/machine.sh
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 CHECKPOINT [CORPUS]" >&2; exit 2; }
checkpoint=$1; corpus=${2:-$NMT_SHARED/corpora/multi30k}
[ -f "$checkpoint" ] || { echo "$0: no checkpoint $checkpoint" >&2; exit 2; }
shared_need "$corpus/tok" "Multi30k, tokenized"
python3 -c 'import ctranslate2, subword_nmt' 2>/dev/null \
  || { echo "$0: python3 cannot import ctranslate2 and subword_nmt (pip install ctranslate2 subword-nmt)" >&2; exit 2; }
source scripts/lib/release-nmt.sh
threads=2
pin=()
if [ "$(nproc --all)" -gt "$threads" ]; then
  command -v taskset >/dev/null || { echo "$0: more than $threads cores and no taskset to keep both sides on $threads" >&2; exit 2; }
  pin=(taskset -c 0,1)
fi
nmt_on=$("${pin[@]}" "$nmt" info | sed -n 's/^cores:.* across \([0-9][0-9]*\) worker thread.*/\1/p')
[ "$nmt_on" = "$threads" ] || { echo "$0: nmt decodes on ${nmt_on:-an unknown number of} threads, not $threads" >&2; exit 1; }

test_src="$corpus/tok/test_2016_flickr.en"; test_ref="$corpus/tok/test_2016_flickr.de"
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ctranslate2.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$nmt" export --checkpoint "$checkpoint" --format ctranslate2 --output "$work/ct2" >/dev/null
# BLEU as `nmt evaluate` computes it for this model: lowercased if it lowercases, no tokenization
# if it was trained on tokenized text.
setting() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ct2/nmt-export.json" "$1"; }
lowercase=""; [ "$(setting lowercase)" = True ] && lowercase=--lowercase
tokenize=13a; [ "$(setting tokenized)" = True ] && tokenize=none

# nmt's bf16 decoding (`--precision bf16`) runs where `nmt info` names a bf16 kernel; CTranslate2
# has no bf16 on a CPU, so it is set beside CTranslate2's float32 and int8.
bf16=""
"$nmt" info | grep -q '^bf16 kernel: *AVX-512 BF16' && bf16=1
quantize=""
# `nmt quantize` exists when `nmt --help` lists it among the subcommands.
subcommands=$("$nmt" --help | sed -n '/^SUBCOMMANDS:/,$p')
if grep -qE '^  quantize( |$)' <<< "$subcommands"; then
  "$nmt" quantize --checkpoint "$checkpoint" --output "$work/int8.ckpt" >/dev/null
  quantize=1
fi

# CTranslate2's own account of this CPU: the ISA it dispatches to and its GEMM backend.
ct2_info=$(CT2_VERBOSE=1 "${pin[@]}" python3 -c '
import ctranslate2, sys
ctranslate2.Translator(sys.argv[1], device="cpu", inter_threads=2, intra_threads=1)
print("[] version " + ctranslate2.__version__ + ", compute types " + ",".join(sorted(ctranslate2.get_supported_compute_types("cpu"))), file=sys.stderr)
' "$work/ct2" 2>&1 | sed -n 's/^.*\] *-* *//p' | grep -E '^(version|CPU:|Selected ISA|SGEMM backend|GEMM_S8 backend)' | paste -sd ';' | sed 's/;/; /g' || true)

results=$work/results.jsonl
: > "$results"
# nmt_side BEAM PRECISION CHECKPOINT [DECODING PRECISION, default float32]
nmt_side() {
  "${pin[@]}" "$nmt" evaluate --checkpoint "$3" --source "$test_src" --reference "$test_ref" --beam "$1" --shortlist off \
      --precision "${4:-float32}" --output "$work/nmt-$2-$1.txt" --json \
    | python3 -c 'import json, sys; j = json.loads(sys.stdin.read()); print(json.dumps({"side": "nmt", "precision": sys.argv[2], "beam": int(sys.argv[1]), "seconds": j["seconds"], "bleu": j["bleu"]}))' "$1" "$2" \
    >> "$results"
}
# ct2_side BEAM PRECISION
ct2_side() {
  "${pin[@]}" python3 "$work/ct2/translate.py" --beam "$1" --compute-type "$2" --threads "$threads" --input "$test_src" \
      --output "$work/ct2-$2-$1.txt" --timing 2> "$work/timing"
  bleu=$("$nmt" bleu --reference "$test_ref" $lowercase --tokenize "$tokenize" --json < "$work/ct2-$2-$1.txt" | head -1)
  python3 -c 'import json, sys; t = json.loads(open(sys.argv[3]).read().splitlines()[-1]); b = json.loads(sys.argv[4])
print(json.dumps({"side": "ctranslate2", "precision": sys.argv[2], "beam": int(sys.argv[1]), "seconds": t["seconds"], "bleu": b["score"], "compute_type": t["compute_type"]}))' \
    "$1" "$2" "$work/timing" "$bleu" >> "$results"
}
for beam in 1 5; do
  nmt_side "$beam" float32 "$checkpoint"
  ct2_side "$beam" float32
  [ -z "$quantize" ] || nmt_side "$beam" int8 "$work/int8.ckpt"
  ct2_side "$beam" int8
  [ -z "$bf16" ] || nmt_side "$beam" bf16 "$checkpoint" bf16
done

machine=$(machine_line "$nmt" "nmt $nmt_on, ctranslate2 $threads${pin:+ (taskset -c 0,1)}")
echo "$machine"
echo "ctranslate2: $ct2_info"
[ -n "$quantize" ] || echo "nmt int8: not measured (\`nmt quantize\` does not exist in this build)"
[ -n "$bf16" ] || echo "nmt bf16: not measured (this CPU has no AVX-512 BF16: \`nmt info\`)"
mkdir -p runs
python3 - "$results" "$work" "$machine" "$ct2_info" <<'PY'
import json, sys
results, work, machine, ct2_info = sys.argv[1:5]
rows = [json.loads(line) for line in open(results)]
get = {(r["side"], r["precision"], r["beam"]): r for r in rows}
ours = open(f"{work}/nmt-float32-1.txt", encoding="utf-8").read().split("\n")
theirs = open(f"{work}/ct2-float32-1.txt", encoding="utf-8").read().split("\n")
equal = sum(a == b for a, b in zip(ours[:-1], theirs[:-1]))
print(f"greedy float32: {equal} of {len(ours) - 1} lines equal ({100 * equal / max(len(ours) - 1, 1):.1f}%)")
with open("runs/bench-ctranslate2.jsonl", "w") as out:
    out.write(json.dumps({"machine": machine, "ctranslate2": ct2_info, "greedy_float32_equal_lines": equal}) + "\n")
    for row in rows:
        out.write(json.dumps(row) + "\n")
for beam in (1, 5):
    for precision in ("float32", "int8"):
        c = get[("ctranslate2", precision, beam)]
        n = get.get(("nmt", precision, beam))
        if n is None:
            print(f"beam {beam} {precision}: nmt not measured, ctranslate2 {c['seconds']:.2f} s (BLEU {c['bleu']:.2f})")
        else:
            print(f"beam {beam} {precision}: nmt {n['seconds']:.2f} s (BLEU {n['bleu']:.2f}), ctranslate2 {c['seconds']:.2f} s "
                  f"(BLEU {c['bleu']:.2f}), ratio ctranslate2/nmt {c['seconds'] / n['seconds']:.2f}")
    n = get.get(("nmt", "bf16", beam))
    if n is not None:
        f, i = get[("ctranslate2", "float32", beam)], get[("ctranslate2", "int8", beam)]
        print(f"beam {beam} bf16: nmt {n['seconds']:.2f} s (BLEU {n['bleu']:.2f}); ratio ctranslate2/nmt "
              f"{f['seconds'] / n['seconds']:.2f} against its float32, {i['seconds'] / n['seconds']:.2f} against its int8")
PY
