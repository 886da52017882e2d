import ArgumentParser
import Files
import Text

/// `nmt sentencepiece train …`, `encode …` and `decode …`: SentencePiece models in the library's
/// own `.model` format, as spm_train, spm_encode and spm_decode use them.
struct SentencePieceCommand: ParsableCommand {
    static let vocabularySizeRange = 1...1_000_000

    static let configuration = CommandConfiguration(
        commandName: "sentencepiece",
        abstract: "Train SentencePiece models and cut text into pieces (the SentencePiece library's .model files).",
        subcommands: [Train.self, Encode.self, Decode.self]
    )

    /// `nmt sentencepiece train --input FILE [--input FILE …] --output MODEL`
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a SentencePiece model on text, one sentence per line.",
            discussion: """
                Trains as nmt train does for segmentation kind sentencepiece: the lines as they \
                are (nmt train normalizes them to NFC first), no normalization rule \
                (identity), every line, a fixed number of threads, so the same text and options \
                always give the same model. Several --input files are read as if concatenated.
                """
        )

        @Option(help: "Text, one sentence per line. Repeat to train on several files.")
        var input: [String] = []

        @Option(help: "Where to write the .model file.")
        var output: String

        @Option(help: "unigram or bpe.")
        var modelType = "unigram"

        @Option(parsing: .unconditional, help: "Pieces in the model, <unk> <s> </s> included (1-1000000).")
        var vocabularySize = 8000

        @Option(parsing: .unconditional, help: "Share of the characters the model covers, greater than 0 and at most 1.")
        var characterCoverage = 0.9995

        func validate() throws {
            try RangeCheck.check(vocabularySize, in: SentencePieceCommand.vocabularySizeRange, "--vocabulary-size")
            guard characterCoverage.isFinite, characterCoverage > 0, characterCoverage <= 1 else {
                throw ValidationError("--character-coverage must be a number greater than 0 and at most 1, not \(characterCoverage)")
            }
            guard SentencePieceTraining.ModelType(rawValue: modelType) != nil else {
                throw ValidationError("--model-type must be unigram or bpe, not '\(modelType)'")
            }
        }

        func run() throws {
            guard !input.isEmpty else { throw UsageFailure(message: "sentencepiece train: missing --input FILE") }
            var lines: [String] = []
            for path in input { lines += try LineReader.lines(ofFile: path) }
            let training = SentencePieceTraining(modelType: SentencePieceTraining.ModelType(rawValue: modelType)!,
                                                 vocabularySize: vocabularySize, characterCoverage: characterCoverage)
            try training.train(lines).write(to: output)
        }
    }

    /// `nmt sentencepiece encode --model MODEL < text`
    struct Encode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cut each line of stdin into pieces, written separated by spaces (as spm_encode does).")

        @Option(help: "A .model file: nmt sentencepiece train's, spm_train's or Python sentencepiece's.")
        var model: String

        func run() throws {
            try eachLine(with: model) { model, line in model.encode(line).joined(separator: " ") }
        }
    }

    /// `nmt sentencepiece decode --model MODEL < pieces`
    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join each line of space-separated pieces on stdin back into text (as spm_decode does).")

        @Option(help: "The .model file the pieces came from.")
        var model: String

        func run() throws {
            try eachLine(with: model) { model, line in model.decode(line.split(separator: " ").map(String.init)) }
        }
    }
}

/// Loads the model at `path`, then writes `transform(model, line)` for each line of stdin.
private func eachLine(with path: String, _ transform: (SentencePieceModel, String) throws -> String) throws {
    let model = try SentencePieceModel(contentsOf: path)
    let input = LineReader.standardInput()
    let output = LineWriter.standardOutput()
    while let line = try input.next() {
        try output.write(try transform(model, line))
    }
    try output.flush()
}
