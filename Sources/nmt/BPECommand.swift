import ArgumentParser
import Files
import Foundation
import Text

/// `nmt bpe learn …` and `nmt bpe apply …`: byte-pair encoding in subword-nmt's file format.
struct BPECommand: ParsableCommand {
    static let mergesRange = 0...1_000_000
    static let minFrequencyRange = 1...1_000_000_000

    static let configuration = CommandConfiguration(
        commandName: "bpe",
        abstract: "Learn and apply byte-pair encoding (compatible with subword-nmt).",
        subcommands: [Learn.self, Apply.self]
    )

    /// `nmt bpe learn --merges N --input FILE [--input FILE …] --output MERGES`
    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn BPE merges from tokenized text.",
            discussion: """
                Gives the same merges file as subword-nmt's learn_bpe -s N. Several --input files \
                are learned jointly, as if concatenated.
                """
        )

        @Option(parsing: .unconditional, help: "Number of merge operations to learn, 0-1000000.")
        var merges: Int

        @Option(help: "Tokenized text, one sentence per line. Repeat for joint BPE.")
        var input: [String] = []

        @Option(help: "Where to write the merges file.")
        var output: String

        @Option(parsing: .unconditional, help: "Stop when no pair occurs at least this often (1-1000000000).")
        var minFrequency = 2

        func validate() throws {
            try RangeCheck.check(merges, in: BPECommand.mergesRange, "--merges")
            try RangeCheck.check(minFrequency, in: BPECommand.minFrequencyRange, "--min-frequency")
        }

        func run() throws {
            guard !input.isEmpty else { throw UsageFailure(message: "bpe learn: missing --input FILE") }
            var learner = BPELearner()
            for path in input { try learner.add(contentsOf: path) }
            let learned = learner.learn(merges: merges, minFrequency: minFrequency)
            try learned.write(to: output)
            if learned.merges.count < merges {
                StandardError.write("nmt: learned \(learned.merges.count) of \(merges) merges: no pair occurs \(minFrequency) times or more")
            }
        }
    }

    /// `nmt bpe apply --merges MERGES < tokenized text`
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Segment tokenized text on stdin into subword units (`@@ ` continuation).",
            discussion: "Gives the same output as subword-nmt's apply_bpe -c MERGES."
        )

        @Option(help: "Merges file from `nmt bpe learn` or subword-nmt's learn_bpe.")
        var merges: String

        func run() throws {
            let bpe = BPE(merges: try BPEMerges(contentsOf: merges))
            let input = LineReader.standardInput()
            let output = LineWriter.standardOutput()
            while let line = try input.next() {
                try output.write(bpe.segmentLine(line))
            }
            try output.flush()
        }
    }
}
