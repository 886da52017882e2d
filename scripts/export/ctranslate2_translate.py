#!/usr/bin/env python3
"""Translates lines with a model `nmt export --format ctranslate2` wrote, as `nmt translate`
translates them with the checkpoint it came from. `nmt export` puts this file in the model
directory as translate.py.

    python3 translate.py [--beam N] [--compute-type int8] [--threads N] < input.txt > output.txt

The text steps follow nmt-export.json, which `nmt export` wrote from the checkpoint:
- a model trained on pre-tokenized text (`tokenized`: true) splits lines on spaces (lowercased
  when `lowercase`) and gives its output as space-separated tokens, exactly as nmt does;
- otherwise lines go through sacremoses (punctuation normalization and Moses tokenization,
  close to but not always exactly nmt's own tokenizer) and outputs through its detokenizer;
- BPE units come from subword-nmt with the checkpoint's merges (bpe.codes): nmt's BPE gives
  subword-nmt's results exactly.
Then: the first `max_input_length` units (or nothing, with `overlong_input: skip`), decoded
with CTranslate2 by groups of sentences with the same length limit (nmt's ⌊ratio × units⌋ + 10),
units joined back at `@@`, `<pad>` and `<s>` dropped as nmt drops them. Every group is submitted
at once (asynchronously), so that `--threads N` runs N single-threaded translators
(CTranslate2's inter_threads) on batches side by side: for files of short sentences that keeps
every core busy, where one translator spreading each small product over N threads waits on them.

Needs: pip install ctranslate2 subword-nmt (and sacremoses for raw-text models).
"""
import argparse
import json
import os
import sys
import time
import unicodedata

SEPARATOR = "@@"


class TextSteps:
    """Lines to the units the model reads, and output units back to lines."""

    def __init__(self, directory, export):
        self.export = export
        self.lowercase = export["lowercase"]
        self.tokenized = export["tokenized"]
        self.segmentation = export["segmentation"]
        self.bpe = None
        if self.segmentation == "bpe":
            from subword_nmt.apply_bpe import BPE

            with open(os.path.join(directory, export["bpe_codes"]), encoding="utf-8") as codes:
                self.bpe = BPE(codes, separator=SEPARATOR)
        if not self.tokenized:
            from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

            self.normalizer = MosesPunctNormalizer(lang=export["source_language"])
            self.tokenizer = MosesTokenizer(lang=export["source_language"])
            self.detokenizer = MosesDetokenizer(lang=export["target_language"])

    def tokens(self, line):
        if self.tokenized:
            tokens = line.split()
            return [token.lower() for token in tokens] if self.lowercase else tokens
        line = unicodedata.normalize("NFC", line)
        if self.lowercase:
            line = line.lower()
        return self.tokenizer.tokenize(self.normalizer.normalize(line), escape=False)

    def units(self, line):
        tokens = self.tokens(line)
        if self.segmentation == "bpe":
            return self.bpe.segment_tokens(tokens)
        if self.segmentation == "char":
            return [unit for token in tokens for unit in
                    [character + SEPARATOR for character in token[:-1]] + [token[-1]]]
        return tokens

    def line(self, units):
        tokens, pending = [], ""
        for unit in units:
            if unit in ("<pad>", "<s>"):
                continue
            if unit.endswith(SEPARATOR):
                pending += unit[: -len(SEPARATOR)]
            else:
                tokens.append(pending + unit)
                pending = ""
        if pending:
            tokens.append(pending)
        return " ".join(tokens) if self.tokenized else self.detokenizer.detokenize(tokens)


def limited(units, search):
    """nmt's input length limit: the first max_input_length units, or none (skip)."""
    if len(units) <= search["max_input_length"]:
        return units
    return [] if search["overlong_input"] == "skip" else units[: search["max_input_length"]]


def translate(translator, steps, lines, beam, search, batch_size=64):
    """Translations of `lines` in their order, decoded as nmt decodes them."""
    import numpy

    units = [limited(steps.units(line), search) for line in lines]
    # nmt computes the limit in float32: ⌊ratio × units⌋ + 10.
    ratio = numpy.float32(search["max_length_ratio"])
    outputs = [""] * len(lines)
    by_limit = {}
    for index, sentence in enumerate(units):
        if sentence:
            limit = int(numpy.floor(ratio * numpy.float32(len(sentence)))) + 10
            by_limit.setdefault(limit, []).append(index)
    pending = [(indices, translator.translate_batch(
        [units[i] for i in indices], beam_size=beam, length_penalty=search["length_penalty"],
        max_decoding_length=limit, min_decoding_length=0, max_input_length=0, max_batch_size=batch_size,
        asynchronous=True)) for limit, indices in sorted(by_limit.items())]
    for indices, results in pending:
        for index, result in zip(indices, results):
            outputs[index] = steps.line(result.result().hypotheses[0])
    return outputs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Translate stdin to stdout with an exported nmt model.")
    parser.add_argument("--model", default=here, help="the exported directory (default: this file's)")
    parser.add_argument("--beam", type=int, help="beam size (default: the checkpoint's)")
    parser.add_argument("--compute-type", default="default",
                        help="CTranslate2 compute type: default (as exported), float32, int8, int8_float32, int16")
    parser.add_argument("--threads", type=int, default=1,
                        help="translators working side by side, one CPU thread each (CTranslate2's inter_threads)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--input", help="read this file instead of stdin")
    parser.add_argument("--output", help="write this file instead of stdout")
    parser.add_argument("--timing", action="store_true",
                        help="print one JSON line with the seconds spent translating (model load excluded) to stderr")
    args = parser.parse_args()

    import ctranslate2

    with open(os.path.join(args.model, "nmt-export.json"), encoding="utf-8") as file:
        export = json.load(file)
    search = export["search"]
    beam = args.beam or search["beam"]
    translator = ctranslate2.Translator(args.model, device="cpu", compute_type=args.compute_type,
                                        inter_threads=args.threads, intra_threads=1)
    steps = TextSteps(args.model, export)
    source = open(args.input, encoding="utf-8") if args.input else sys.stdin
    lines = [line.rstrip("\n") for line in source]
    started = time.perf_counter()
    outputs = translate(translator, steps, lines, beam, search, args.batch_size)
    seconds = time.perf_counter() - started
    target = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    target.write("".join(line + "\n" for line in outputs))
    target.flush()
    if args.timing:
        sys.stderr.write(json.dumps({"seconds": seconds, "sentences": len(lines), "beam": beam,
                                     "compute_type": translator.compute_type, "threads": args.threads}) + "\n")


if __name__ == "__main__":
    main()
