#!/usr/bin/env python3
"""A large parallel corpus for testing the data path at scale, recombined from a small one.

Pair i of the output is pair a of the input, or (every other pair) pairs a and b joined with
a space on both sides, where a and b are drawn with a seeded generator: sentences of realistic
length and vocabulary, ten million of them from Multi30k's 29,000. Not for training a useful
model, only for measuring preparation and memory.

    scripts/data/synthesize-corpus.py INPUT_PREFIX SRC TGT PAIRS OUTPUT_PREFIX [--valid N]

writes OUTPUT_PREFIX.SRC and OUTPUT_PREFIX.TGT (refusing to overwrite them) and, with --valid,
the first N input pairs as OUTPUT_DIR/valid.SRC and .TGT.
"""
import argparse
import os
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input_prefix")
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("pairs", type=int)
    parser.add_argument("output_prefix")
    parser.add_argument("--valid", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(f"{args.input_prefix}.{args.source}", encoding="utf-8") as f:
        sources = f.read().splitlines()
    with open(f"{args.input_prefix}.{args.target}", encoding="utf-8") as f:
        targets = f.read().splitlines()
    if len(sources) != len(targets) or not sources:
        sys.exit(f"{args.input_prefix}: {len(sources)} source and {len(targets)} target lines")
    outputs = [f"{args.output_prefix}.{args.source}", f"{args.output_prefix}.{args.target}"]
    for path in outputs:
        if os.path.exists(path):
            sys.exit(f"{path} exists; choose another output prefix")
    os.makedirs(os.path.dirname(os.path.abspath(args.output_prefix)), exist_ok=True)
    generator = random.Random(args.seed)
    count = len(sources)
    with open(outputs[0], "w", encoding="utf-8") as s, open(outputs[1], "w", encoding="utf-8") as t:
        block_s, block_t = [], []
        for i in range(args.pairs):
            a = generator.randrange(count)
            if i % 2:
                b = generator.randrange(count)
                block_s.append(sources[a] + " " + sources[b])
                block_t.append(targets[a] + " " + targets[b])
            else:
                block_s.append(sources[a])
                block_t.append(targets[a])
            if len(block_s) == 100_000:
                s.write("\n".join(block_s) + "\n")
                t.write("\n".join(block_t) + "\n")
                block_s, block_t = [], []
        if block_s:
            s.write("\n".join(block_s) + "\n")
            t.write("\n".join(block_t) + "\n")
    if args.valid:
        directory = os.path.dirname(os.path.abspath(args.output_prefix))
        for language, lines in ((args.source, sources), (args.target, targets)):
            with open(os.path.join(directory, f"valid.{language}"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines[: args.valid]) + "\n")


if __name__ == "__main__":
    main()
