#!/usr/bin/env bash
# Checks `nmt bleu` (the Metrics module) against sacrebleu 2.x's Python API.
#
# Usage: scripts/checks/bleu.sh [CORPUS_DIR]
#   CORPUS_DIR   Multi30k folder with raw/ and tok/ (default: $NMT_SHARED/corpora/multi30k;
#                NMT_SHARED defaults to ../shared beside the repository)
# Environment:
#   SCRATCH_PATH  swift build scratch path for the release build (default: .build)
#   NMT           use this nmt binary instead of building one
#
# For the German test references, raw and tokenized, it generates hypotheses into a temporary
# folder: the references themselves, a shuffled copy, each line cut to half its words, empty
# lines, random strings of Unicode punctuation, digits, entities and odd whitespace, and noisy
# copies of the references (plus a French case, random references against noisy copies of
# themselves, and a two-reference case). Noisy copies drop, uppercase and decorate words, so
# that lowercasing (final sigma, ß, İ) and tokenization decide what matches. Each case is scored with
# 13a and no tokenization, with and without lowercasing, by the release-built `nmt bleu --chrf
# --json` and by sacrebleu. A pair matches when the scores differ by less than 0.01 and all
# integer statistics (n-gram matches and totals, lengths, chrF's per-order counts) are equal.
# Exit status 1 on any mismatch.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/scripts/lib/shared.sh"
corpus=${1:-$NMT_SHARED/corpora/multi30k}
shared_need "$corpus/raw" "Multi30k's raw text"
shared_need "$corpus/tok" "Multi30k's tokenized text"
python3 -c 'import sacrebleu' 2>/dev/null || { echo "checks/bleu: python3 cannot import sacrebleu" >&2; exit 2; }

if [[ -z ${NMT:-} ]]; then
    scratch=${SCRATCH_PATH:-$repo/.build}
    (cd "$repo" && swift build -c release --product nmt --scratch-path "$scratch" >&2)
    NMT=$scratch/release/nmt
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$NMT" "$corpus" "$work" <<'PYTHON'
import json, os, random, subprocess, sys, time

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.utils import sum_of_lists

nmt, corpus, work = sys.argv[1:4]
rng = random.Random(2016)


def read_lines(path):
    # As sacrebleu and nmt read files: split on "\n" only.
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line[:-1] if line.endswith("\n") else line for line in f]


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(line + "\n" for line in lines)


# Odd pieces for random and noisy lines: Unicode punctuation, digit groups, 13a's entities and
# markers, whitespace Python splits on (tab, NBSP, thin space, U+001C, U+0085, U+2028, CR),
# combining vs precomposed letters, and letters whose lowercase is special (final sigma,
# dotted I, sharp s, ligatures).
PUNCTUATION = list("„“”«»‚‘’‹›–—…¿¡·•§¶†‰′″※‼⁇、。「」『』！？，：；（）") + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
PIECES = [
    "1,000", "3.14", "2-3", "10-", "-5", "1.000.000,50", "0,5", "a.b", "x,y", "U.S.A.", "e.g.,",
    "&quot;", "&amp;", "&lt;", "&gt;", "&amp;quot;", "&quot", "<skipped>", "mid-air", "--",
    "\t", "\u00a0", "\u2009", "\u3000", "\u001c", "\u0085", "\u2028", "\r",
    "e\u0301", "\u00e9", "ΣΟΦΟΣ", "ΟΔΟΣ.", "Σ", "İstanbul", "STRASSE", "Straße", "ﬁne", "ǅ",
    "١٢٣", "๓", "²", "½", "😀", "👍🏽", "x\u200by",
]
WORDS = "Ein Mann eine Frau Hund läuft über Straße Kinder spielen im Park Wasser λόγος οδός ΟΔΟΣ".split()


def random_line():
    parts = []
    for _ in range(rng.randint(0, 20)):
        kind = rng.random()
        if kind < 0.3:
            parts.append(rng.choice(PUNCTUATION))
        elif kind < 0.55:
            parts.append(rng.choice(PIECES))
        elif kind < 0.7:
            parts.append(str(rng.randint(0, 10**rng.randint(1, 7))))
        else:
            parts.append(rng.choice(WORDS))
    separators = [" ", " ", " ", "", "  "]
    return "".join(p + rng.choice(separators) for p in parts)


def noisy_line(line):
    words = line.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < 0.1:
            continue
        if r < 0.2:
            w = w.upper()
        elif r < 0.3:
            w = w + rng.choice(PUNCTUATION)
        elif r < 0.4:
            out.append(rng.choice(PIECES))
        out.append(w)
    return " ".join(out)


def half_line(line):
    words = line.split()
    return " ".join(words[: len(words) // 2])


def shuffled(lines):
    copy = list(lines)
    rng.shuffle(copy)
    return copy


cases = []  # (name, hypotheses, [reference streams])
for kind in ("raw", "tok"):
    refs = read_lines(os.path.join(corpus, kind, "test_2016_flickr.de"))
    cases += [
        (f"de-{kind}/self", refs, [refs]),
        (f"de-{kind}/shuffled", shuffled(refs), [refs]),
        (f"de-{kind}/half-words", [half_line(l) for l in refs], [refs]),
        (f"de-{kind}/empty", ["" for _ in refs], [refs]),
        (f"de-{kind}/random", [random_line() for _ in refs], [refs]),
        (f"de-{kind}/noisy", [noisy_line(l) for l in refs], [refs]),
    ]
raw_de = read_lines(os.path.join(corpus, "raw", "test_2016_flickr.de"))
random_refs = [random_line() for _ in range(1000)]
raw_fr = read_lines(os.path.join(corpus, "raw", "test_2016_flickr.fr"))
cases += [
    ("fr-raw/noisy", [noisy_line(l) for l in raw_fr], [raw_fr]),
    ("random/noisy-random", [noisy_line(l) for l in random_refs], [random_refs]),
    ("de-raw/noisy-2refs", [noisy_line(l) for l in raw_de], [raw_de, [noisy_line(l) for l in raw_de]]),
]

failures = 0
pairs = 0
slowest = 0.0
row = "{:<22} {:<5} {:<6} {:<6} nmt {:>9.4f}  sacrebleu {:>9.4f}  |Δ| {:.1e}  stats {:<5} {}"

for index, (name, hyps, ref_streams) in enumerate(cases):
    hyp_path = os.path.join(work, f"{index}.hyp")
    write_lines(hyp_path, hyps)
    ref_paths = []
    for k, stream in enumerate(ref_streams):
        ref_paths.append(os.path.join(work, f"{index}.ref{k}"))
        write_lines(ref_paths[-1], stream)

    for tokenize in ("13a", "none"):
        for lowercase in (False, True):
            args = [nmt, "bleu", "--json", "--chrf", "--tokenize", tokenize]
            for path in ref_paths:
                args += ["--reference", path]
            if lowercase:
                args.append("--lowercase")
            with open(hyp_path, "rb") as stdin:
                start = time.perf_counter()
                run = subprocess.run(args, stdin=stdin, capture_output=True)
                slowest = max(slowest, time.perf_counter() - start)
            if run.returncode != 0:
                print(f"{name}: nmt failed ({run.returncode}): {run.stderr.decode()}")
                failures += 1
                continue
            ours = [json.loads(line) for line in run.stdout.decode().splitlines()]
            ours_bleu = next(o for o in ours if o["name"] == "BLEU")
            ours_chrf = next(o for o in ours if o["name"].startswith("chrF"))

            bleu = BLEU(tokenize=tokenize, lowercase=lowercase, force=True)
            theirs = bleu.corpus_score(hyps, ref_streams)
            same_stats = (ours_bleu["counts"] == list(theirs.counts)
                          and ours_bleu["totals"] == list(theirs.totals)
                          and ours_bleu["hyp_len"] == theirs.sys_len
                          and ours_bleu["ref_len"] == theirs.ref_len)
            comparisons = [("BLEU", ours_bleu["score"], theirs.score, same_stats)]

            # chrF ignores --tokenize: compare it once per lowercase setting.
            if tokenize == "13a":
                chrf = CHRF(lowercase=lowercase)
                theirs_chrf = chrf.corpus_score(hyps, ref_streams)
                stats = sum_of_lists(chrf._extract_corpus_statistics(hyps, ref_streams))
                ours_stats = [x for o in ours_chrf["statistics"]["orders"]
                              for x in (o["hypothesis"], o["reference"], o["matches"])]
                comparisons.append(("chrF2", ours_chrf["score"], theirs_chrf.score,
                                    ours_stats == [int(x) for x in stats]))

            for metric, mine, reference, stats_equal in comparisons:
                pairs += 1
                difference = abs(mine - reference)
                ok = difference < 0.01 and stats_equal
                failures += not ok
                print(row.format(name, metric, tokenize if metric == "BLEU" else "-",
                                 "lc" if lowercase else "mixed", mine, reference, difference,
                                 "equal" if stats_equal else "DIFF", "ok" if ok else "MISMATCH"))

print(f"\n{pairs} pairs, {pairs - failures} match, {failures} mismatch "
      f"(sacrebleu {sacrebleu.__version__}; slowest nmt run {slowest * 1000:.0f} ms)")
sys.exit(1 if failures else 0)
PYTHON
