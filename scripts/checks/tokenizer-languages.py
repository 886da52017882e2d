#!/usr/bin/env python3
"""Tokenizer agreement for languages beyond en/de/fr, through the nmt command line:
  1. `nmt tokenize --language LANG` (LANG without rules of its own, default xx) against
     sacremoses' punctuation normalizer and tokenizer for that language (no XML escaping) on
     Multi30k raw Czech: the share of identical lines;
  2. `nmt tokenize --language cs --lowercase` against the data set's own tok/ Czech files
     (escapes undone): the share of identical lines.
Target for both: at least 99%.

Usage: scripts/checks/tokenizer-languages.py [--nmt PATH] [--corpus DIR] [--language xx] [--show N]
  Corpus default: $NMT_SHARED/corpora/multi30k (NMT_SHARED: ../shared beside the repository).
Exit status: 0 when both shares reach 99%, 1 otherwise, 2 when a tool or the corpus is missing.
"""
import argparse, html, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
shared = os.environ.get("NMT_SHARED", os.path.join(os.path.dirname(root), "shared"))
parser = argparse.ArgumentParser()
parser.add_argument("--nmt", default=os.path.join(root, ".build/release/nmt"))
parser.add_argument("--corpus", default=os.path.join(shared, "corpora/multi30k"))
parser.add_argument("--language", default="xx")
parser.add_argument("--show", type=int, default=0, help="print the first N differing lines")
args = parser.parse_args()
try:
    from sacremoses import MosesPunctNormalizer, MosesTokenizer
except ImportError:
    sys.exit("sacremoses is missing: pip install sacremoses")  # exit status 1
for path in (args.nmt, os.path.join(args.corpus, "raw/train.cs")):
    if not os.path.exists(path):
        print(f"missing: {path}", file=sys.stderr)
        sys.exit(2)


def nmt_tokenize(path, *flags):
    with open(path, "rb") as text:
        out = subprocess.run([args.nmt, "tokenize", *flags], stdin=text, capture_output=True, check=True)
    return out.stdout.decode().split("\n")[:-1]


def agreement(name, ours, theirs):
    equal = sum(a == b for a, b in zip(ours, theirs))
    share = 100 * equal / len(theirs)
    print(f"{name}: {equal} of {len(theirs)} lines identical ({share:.2f}%)")
    shown = 0
    for number, (a, b) in enumerate(zip(ours, theirs), 1):
        if a != b and shown < args.show:
            shown += 1
            print(f"  line {number}\n    reference: {b}\n    nmt:       {a}")
    return share >= 99


raw = os.path.join(args.corpus, "raw/train.cs")
with open(raw, encoding="utf-8") as lines:
    source = [line.rstrip("\n") for line in lines]
normalizer, tokenizer = MosesPunctNormalizer(lang=args.language), MosesTokenizer(lang=args.language)
reference = [tokenizer.tokenize(normalizer.normalize(line), escape=False, return_str=True) for line in source]
ok = agreement(f"nmt tokenize -l {args.language} vs sacremoses -l {args.language}, raw/train.cs",
               nmt_tokenize(raw, "--language", args.language), reference)

with open(os.path.join(args.corpus, "tok/train.cs"), encoding="utf-8") as lines:
    # tokenizer.perl's escapes undone (html.unescape reads &#91; &#93; &#124; &apos; too).
    reference = [html.unescape(line.rstrip("\n")) for line in lines]
ok &= agreement("nmt tokenize -l cs --lowercase vs tok/train.cs",
                nmt_tokenize(raw, "--language", "cs", "--lowercase"), reference)
sys.exit(0 if ok else 1)
