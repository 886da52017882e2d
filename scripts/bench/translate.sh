#!/usr/bin/env bash
# Beam-5 decoding speed on Multi30k test_2016_flickr (1,000 sentences), ours and the PyTorch
# peer's, each with the reference model after one epoch of English→German training, one after
# the other on this machine. Our checkpoint comes from scripts/checks/compare-first-epoch.sh
# (trained here if missing); the peer trains its epoch itself (--epochs 1 --decode-bench). The
# peer is given as many threads as ours decodes on, and the run fails if the two differ. Prints
# the machine line (CPU, BLAS kernel, both thread counts), whether our side used a shortlist,
# then per beam both times, BLEU scores and the speed ratio.
#   scripts/bench/translate.sh [CHECKPOINT] [CORPUS]     (defaults: runs/first-epoch-en-de/best.ckpt
#                                                       $NMT_SHARED/corpora/multi30k)
#   NMT_SHARED defaults to ../shared beside the repository; paths are taken from the repository root.
#   A checkpoint with a shortlist (`nmt shortlist`) is decoded with it, unless SHORTLIST=off.
#   REUSE_PEER=1 keeps the peer's timings from an earlier run of this script (its epoch takes
#   minutes and does not change with ours), kept with the machine line in
#   runs/bench-translate-pytorch.jsonl; timings recorded on another CPU are refused.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/shared.sh
source scripts/lib/machine.sh
first_epoch=runs/first-epoch-en-de/best.ckpt
checkpoint=${1:-$first_epoch}; corpus=${2:-$NMT_SHARED/corpora/multi30k}
shortlist=${SHORTLIST:-on}
[ "$shortlist" = on ] || [ "$shortlist" = off ] || { echo "$0: SHORTLIST is on or off, not '$shortlist'" >&2; exit 2; }
peer_script=$NMT_SHARED/peers/torch_s2s.py
shared_need "$corpus/tok" "Multi30k, tokenized"
shared_need "$peer_script" "the PyTorch peer"
[ -n "${REUSE_PEER:-}" ] || peer_need  # checked before our side runs; reused timings need no torch
swift build -c release --product nmt >/dev/null
nmt=.build/release/nmt
if [ ! -f "$checkpoint" ]; then
  [ "$checkpoint" = "$first_epoch" ] || { echo "$0: no checkpoint $checkpoint" >&2; exit 2; }
  scripts/checks/compare-first-epoch.sh en de "$corpus"
fi
test_src="$corpus/tok/test_2016_flickr.en"; test_ref="$corpus/tok/test_2016_flickr.de"
threads=$(nmt_threads "$nmt")

# Whether the checkpoint carries a shortlist: the "shortlist" key of its safetensors metadata.
has_shortlist=$(python3 - "$checkpoint" <<'PY'
import json, os, struct, sys
try:
    with open(sys.argv[1], "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        if size > os.path.getsize(sys.argv[1]) - 8:
            raise ValueError("header longer than the file")
        metadata = json.loads(f.read(size)).get("__metadata__", {})
except (OSError, ValueError, struct.error, AttributeError):
    sys.exit(f"{sys.argv[1]}: not an nmt checkpoint (no safetensors header)")
print("yes" if "shortlist" in metadata else "no")
PY
)
if [ "$has_shortlist" = no ]; then
  shortlist_note="off (the checkpoint has none)"
elif [ "$shortlist" = on ]; then
  shortlist_note="on (the checkpoint has one)"
else
  shortlist_note="off (SHORTLIST=off; the checkpoint has one)"
fi

mkdir -p runs
for beam in 1 5; do
  "$nmt" evaluate --checkpoint "$checkpoint" --source "$test_src" --reference "$test_ref" --beam "$beam" \
      --shortlist "$shortlist" --json
done | tee runs/bench-translate-swift.jsonl

# The peer's header line (with its threads) and decoding lines, after a line naming this machine.
peer_file=runs/bench-translate-pytorch.jsonl
reused=""
if [ -n "${REUSE_PEER:-}" ] && [ -s "$peer_file" ]; then
  peer_reusable "$peer_file"
  echo "REUSE_PEER: the peer's timings from $peer_file"
  peer_output=$(tail -n +2 "$peer_file")
  reused=1
else
  peer_output=$(python3 "$peer_script" --data "$corpus/tok" --epochs 1 --decode-bench --threads "${threads:-1}" \
                  | grep -E '"peer"|"decode_beam"')
fi
echo "$peer_output"
peer_threads=$(echo "$peer_output" | json_threads)
machine=$(machine_line "$nmt" "swift ${threads:-?}, pytorch ${peer_threads:-?}")
[ -n "$reused" ] || echo "$peer_output" | peer_keep "$peer_file" "$machine"
echo "$machine"
echo "shortlist (swift): $shortlist_note; the peer scores the whole vocabulary"
same_threads "$threads" "$peer_threads"
python3 - "$peer_file" <<'PY'
import json, sys
ours = {j["beam"]: j for j in map(json.loads, open("runs/bench-translate-swift.jsonl"))}
peer = {j["decode_beam"]: j for j in map(json.loads, open(sys.argv[1])) if "decode_beam" in j}
for beam in (1, 5):
    o, p = ours[beam], peer[beam]
    print(f"beam {beam}: swift {o['seconds']:.2f} s (BLEU {o['bleu']:.2f}), pytorch {p['seconds']:.2f} s (BLEU {p['bleu']:.2f}), speed ratio {p['seconds'] / o['seconds']:.2f}")
PY
