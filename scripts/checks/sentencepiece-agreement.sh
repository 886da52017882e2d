#!/usr/bin/env bash
# Checks nmt's SentencePiece against Python's `sentencepiece` on Multi30k raw text (de and cs):
# for each language and model type (unigram, bpe), one model trained by `nmt sentencepiece
# train` and one by Python's trainer (its defaults: nmt_nfkc normalization, 16 threads), both on
# raw/train.LANG with 8,000 pieces. Then on the 1,000 lines of raw/test_2016_flickr.LANG:
#  - pieces: lines where `nmt sentencepiece encode` gives exactly Python's encode(out_type=str);
#  - decode: lines where `nmt sentencepiece decode` of nmt's pieces gives back the input line.
# A model with normalization (Python's default nmt_nfkc) decodes to the normalized line, so its
# decode count can fall short where NFKC changes a character; nmt's models (identity) cannot.
#
# Usage: scripts/checks/sentencepiece-agreement.sh [CORPUS_DIR]
#   CORPUS_DIR defaults to $NMT_SHARED/corpora/multi30k (NMT_SHARED: ../shared beside the repository).
#   NMT_SKIP_BUILD=1 uses the nmt already in .build/release.
# Exit status: 0 if every piece count is 1000 of 1000 and nmt's own models decode every line
# back, 1 otherwise, 2 when the corpus or Python's sentencepiece is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/shared.sh"
corpus="${1:-$NMT_SHARED/corpora/multi30k}"
shared_need "$corpus/raw/train.cs" "Multi30k's raw text, Czech included"
corpus="$(cd "$corpus" && pwd)"
if ! python3 -c "import sentencepiece" 2>/dev/null; then
    echo "$0: python3 cannot import sentencepiece (pip install sentencepiece, or scripts/install-deps.sh --tests)" >&2
    exit 2
fi

cd "$root"
source "$root/scripts/lib/release-nmt.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$nmt" "$corpus" "$work" <<'PYTHON'
import subprocess, sys
import sentencepiece as spm

nmt, corpus, work = sys.argv[1:4]
failed = False
print(f"python sentencepiece {spm.__version__}; nmt: {subprocess.run([nmt, '--version'], capture_output=True, text=True).stdout.strip()}")
print(f"{'lang':4} {'type':7} {'trained by':10} {'pieces equal':>13} {'decode = input':>15}")
for lang in ["de", "cs"]:
    train = f"{corpus}/raw/train.{lang}"
    test = f"{corpus}/raw/test_2016_flickr.{lang}"
    with open(test, encoding="utf-8") as f:
        lines = f.read().split("\n")[:-1]
    for model_type in ["unigram", "bpe"]:
        ours = f"{work}/nmt-{lang}-{model_type}.model"
        subprocess.run([nmt, "sentencepiece", "train", "--input", train, "--output", ours,
                        "--model-type", model_type, "--vocabulary-size", "8000"], check=True)
        prefix = f"{work}/python-{lang}-{model_type}"
        spm.SentencePieceTrainer.train(input=train, model_prefix=prefix, model_type=model_type,
                                       vocab_size=8000, minloglevel=1)
        for origin, model in [("nmt", ours), ("python", prefix + ".model")]:
            python = spm.SentencePieceProcessor(model_file=model)
            expected = [" ".join(python.encode(line, out_type=str)) for line in lines]
            encoded = subprocess.run([nmt, "sentencepiece", "encode", "--model", model], input="\n".join(lines) + "\n",
                                     capture_output=True, text=True, check=True).stdout.split("\n")[:-1]
            decoded = subprocess.run([nmt, "sentencepiece", "decode", "--model", model], input="\n".join(encoded) + "\n",
                                     capture_output=True, text=True, check=True).stdout.split("\n")[:-1]
            equal = sum(a == b for a, b in zip(encoded, expected)) if len(encoded) == len(lines) else 0
            back = sum(a == b for a, b in zip(decoded, lines)) if len(decoded) == len(lines) else 0
            print(f"{lang:4} {model_type:7} {origin:10} {equal:>6} / {len(lines):<5} {back:>7} / {len(lines):<5}")
            if equal != len(lines) or (origin == "nmt" and back != len(lines)):
                failed = True
            for a, b in [(a, b) for a, b in zip(encoded, expected) if a != b][:3]:
                print(f"    nmt:    {a}\n    python: {b}")
sys.exit(1 if failed else 0)
PYTHON
