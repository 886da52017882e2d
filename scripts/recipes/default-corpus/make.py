#!/usr/bin/env python3
"""Generate nmt's default English->German parallel corpus.

Every sentence is produced by the small grammar in this folder (the project's own lexicon and
rules; nothing is copied from an existing corpus): lexicon.py holds the words as data,
words.py makes them objects, grammar.py says a clause in German and in English, clauses.py and
sentences.py draw random clauses and sentences, examples.py holds the hand-checked examples.
The output is raw, natural text (capitalisation, commas, final punctuation); the nmt pipeline
tokenizes and lowercases it itself.

Usage (from the repository root):

    python3 scripts/recipes/default-corpus/make.py                  # seed 20240601
    python3 scripts/recipes/default-corpus/make.py --seed 7 --out /tmp/corpus

Writes train.{en,de} (20,000 pairs), valid.{en,de} (500) and test.{en,de}
(500).  Line N of X.en and X.de are translations of each other.  Every pair is
unique on both sides, so no valid/test sentence (English or German) occurs in
train.  Output is deterministic for a given seed (standard library only, no
iteration over hash-ordered containers).
"""

import argparse
import os
import random
import sys

from examples import check_examples
from sentences import gen_pair


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    default_out = os.path.join(root, 'data', 'default')
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, default=20240601)
    ap.add_argument('--out', default=default_out)
    ap.add_argument('--train', type=int, default=20000)
    ap.add_argument('--valid', type=int, default=500)
    ap.add_argument('--test', type=int, default=500)
    ap.add_argument('--samples', type=int, default=10, help='sample pairs to print')
    ap.add_argument('--check', action='store_true', help='only run the hand-checked examples')
    args = ap.parse_args()

    ok, n = check_examples()
    if not ok:
        sys.exit('hand-checked examples failed')
    if args.check:
        print('%d hand-checked examples OK' % n)
        return

    rng = random.Random(args.seed)
    total = args.train + args.valid + args.test
    pairs, seen_en, seen_de = [], set(), set()
    while len(pairs) < total:
        en, de = gen_pair(rng)
        if en in seen_en or de in seen_de:
            continue
        seen_en.add(en)
        seen_de.add(de)
        pairs.append((en, de))
    rng.shuffle(pairs)
    splits = [('valid', pairs[:args.valid]),
              ('test', pairs[args.valid:args.valid + args.test]),
              ('train', pairs[args.valid + args.test:])]
    os.makedirs(args.out, exist_ok=True)
    for name, ps in splits:
        for lang, idx in (('en', 0), ('de', 1)):
            with open(os.path.join(args.out, '%s.%s' % (name, lang)), 'w',
                      encoding='utf-8', newline='\n') as f:
                for p in ps:
                    f.write(p[idx] + '\n')
    # report
    train_en = set(p[0] for p in splits[2][1])
    train_de = set(p[1] for p in splits[2][1])
    for name, ps in splits[:2]:
        assert not any(p[0] in train_en or p[1] in train_de for p in ps), name
    for name, ps in splits:
        lens = [len(p[0].split()) for p in ps]
        print('%-5s %6d pairs  (en words/sentence: mean %.1f, max %d)'
              % (name, len(ps), sum(lens) / len(lens), max(lens)))
    print('wrote %s' % args.out)
    for en, de in splits[1][1][:args.samples]:
        print('  EN: %s\n  DE: %s' % (en, de))


if __name__ == '__main__':
    main()
