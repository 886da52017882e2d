/// The README.md of an exported directory: what is in it and how to translate with it from
/// Python, written for this model's text steps (pre-tokenized or raw text, BPE or not).
enum ExportReadme {
    static func text(_ manifest: ExportManifest) -> String {
        let source = manifest.sourceLanguage, target = manifest.targetLanguage
        let bpe = manifest.bpeCodes != nil
        let search = manifest.search
        var lines: [String] = [
            "# \(source)→\(target) Transformer for CTranslate2",
            "",
            "Exported by `nmt export --format ctranslate2` (nmt \(manifest.nmtVersion)) from `\(manifest.checkpoint)`",
            "(SHA-256 \(manifest.checkpointSHA256)), weights in \(manifest.quantization).",
            "",
            "| file | what |",
            "|---|---|",
            "| model.bin, config.json | the model, for `ctranslate2.Translator` |",
            "| source_vocabulary.json, target_vocabulary.json | the units the model reads and writes |",
        ]
        if bpe { lines.append("| \(manifest.bpeCodes!) | the source BPE merges, subword-nmt's format |") }
        lines += [
            "| nmt-export.json | the text and search settings of the checkpoint |",
            "| translate.py | the whole pipeline: `python3 translate.py < input.txt > output.txt` |",
            "",
            "## Translate from Python",
            "",
            "Needs `pip install ctranslate2\(bpe ? " subword-nmt" : "")\(manifest.tokenized ? "" : " sacremoses")`.",
            "",
            "```python",
            "import ctranslate2",
        ]
        if bpe { lines.append("from subword_nmt.apply_bpe import BPE") }
        if !manifest.tokenized { lines.append("from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer") }
        lines += [
            "",
            "translator = ctranslate2.Translator(\"path/to/this/directory\", device=\"cpu\")  # compute_type=\"int8\" to quantize on load",
        ]
        if bpe { lines.append("bpe = BPE(open(\"path/to/this/directory/\(manifest.bpeCodes!)\", encoding=\"utf-8\"))") }
        if manifest.tokenized {
            lines += [
                "",
                "# The model was trained on pre-tokenized\(manifest.lowercase ? ", lowercased" : "") text: split on spaces.",
                "def tokens(line):",
                "    return line\(manifest.lowercase ? ".lower()" : "").split()",
            ]
        } else {
            lines += [
                "normalizer = MosesPunctNormalizer(lang=\"\(source)\")",
                "tokenizer = MosesTokenizer(lang=\"\(source)\")",
                "detokenizer = MosesDetokenizer(lang=\"\(target)\")",
                "",
                "def tokens(line):",
                "    \(manifest.lowercase ? "line = line.lower()\n    " : "")return tokenizer.tokenize(normalizer.normalize(line), escape=False)",
            ]
        }
        lines += [
            "",
            "def units(line):",
        ]
        switch manifest.segmentation {
        case "bpe": lines.append("    return bpe.segment_tokens(tokens(line))")
        case "char": lines.append("    return [u for t in tokens(line) for u in [c + \"@@\" for c in t[:-1]] + [t[-1]]]")
        default: lines.append("    return tokens(line)")
        }
        lines += [
            "",
            "def join(output_units):",
            "    \"\"\"Units back to tokens: a unit ending in @@ continues into the next.\"\"\"",
            "    return \" \".join(u for u in output_units if u not in (\"<pad>\", \"<s>\")).replace(\"@@ \", \"\").split()",
            "",
            "lines = [\"\(manifest.tokenized ? "a man is riding a bike ." : "A man is riding a bike.")\"]",
            "batch = [units(line) for line in lines]  # CTranslate2 appends </s> itself (add_source_eos)",
            "results = translator.translate_batch(batch, beam_size=\(search.beam), length_penalty=\(search.lengthPenalty),",
            "                                     max_decoding_length=256, min_decoding_length=0)",
            "for result in results:",
            manifest.tokenized
                ? "    print(\" \".join(join(result.hypotheses[0])))"
                : "    print(detokenizer.detokenize(join(result.hypotheses[0])))",
            "```",
            "",
            "## To get what `nmt translate` gives",
            "",
            "- `min_decoding_length=0`: nmt allows an empty output (CTranslate2's default is 1).",
            "- nmt stops an output at ⌊\(search.maxLengthRatio) × source units⌋ + 10 units, a limit per sentence;",
            "  `max_decoding_length` is one value per call, so translate.py decodes sentences with the same limit together.",
            "- nmt decodes the first \(search.maxInputLength) source units of a longer line (`overlong_input: \(search.overlongInput)`);",
            "  pass `max_input_length=0` and cut the units yourself, as translate.py does.",
            "- No input or output may be longer than \(manifest.positions - 1) units: the position table has \(manifest.positions) rows.",
            "- Both beam searches rank a finished hypothesis by log p / length^α; a near tie between two",
            "  hypotheses can still fall the other way (the same sums, computed in another order).",
        ]
        if manifest.droppedShortlist {
            lines.append("- The checkpoint's output shortlist is not exported: CTranslate2 scores the whole vocabulary, as `nmt translate --shortlist off` does.")
        }
        if !manifest.tokenized {
            lines.append("- sacremoses tokenizes almost, not exactly, as nmt does (both follow Moses); outputs can differ where they disagree.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
