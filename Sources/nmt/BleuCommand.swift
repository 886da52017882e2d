import ArgumentParser
import Evaluation
import Files
import Foundation
import Text

/// `nmt bleu --reference FILE [--lowercase] [--tokenize 13a|none] [--chrf] [--json] < hypotheses`
struct BleuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bleu",
        abstract: "Score detokenized hypotheses on stdin with BLEU (and chrF), as sacrebleu 2.x does.",
        discussion: """
            Lines are split on \\n only, as sacrebleu reads them. The signature's version field \
            reads \(MetricSignature.version): sacrebleu \(MetricSignature.sacrebleuVersion)'s \
            definitions, computed by nmt.
            """
    )

    @Option(help: "Reference file, one sentence per line. Repeat for several references.")
    var reference: [String] = []

    @Flag(help: "Compare case-insensitively.")
    var lowercase = false

    @Option(help: "BLEU tokenization: 13a (mteval-v13a, the default) or none.")
    var tokenize: BLEUTokenizer = .thirteenA

    @Flag(help: "Also print chrF2.")
    var chrf = false

    @Flag(help: "Print one JSON object per metric and line instead of text.")
    var json = false

    func run() throws {
        guard !reference.isEmpty else {
            throw UsageFailure(message: "bleu: missing --reference FILE")
        }
        let hypotheses = try Self.lines(of: Data(LineReader.standardInput().readRemainingBytes()),
                                        source: "standard input")
        let references = try reference.map { path in
            let lines = try Self.lines(of: Self.contents(of: path), source: path)
            guard lines.count == hypotheses.count else {
                throw BleuInputError(message: "line counts differ: \(hypotheses.count) lines of "
                    + "hypotheses on standard input, \(lines.count) lines in reference file \(path)")
            }
            return lines
        }

        let bleu = BLEU(tokenizer: tokenize, lowercase: lowercase)
            .corpusScore(hypotheses: hypotheses, references: references)
        let chrfScore = chrf
            ? CHRF(lowercase: lowercase).corpusScore(hypotheses: hypotheses, references: references)
            : nil
        let output = LineWriter.standardOutput()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try output.write(String(decoding: try encoder.encode(bleu), as: UTF8.self))
            if let chrfScore {
                try output.write(String(decoding: try encoder.encode(chrfScore), as: UTF8.self))
            }
        } else {
            try output.write(bleu.description)
            if let chrfScore { try output.write(chrfScore.description) }
        }
        try output.flush()
    }

    /// The bytes of a reference file, read as a stream so that pipes such as `<(zcat refs.gz)`
    /// work too; a missing file, a directory or a line beyond LineReader's limit is an error.
    private static func contents(of path: String) throws -> Data {
        Data(try LineReader(path: path).readRemainingBytes())
    }

    /// Lines split on "\n" alone (a "\r" stays and counts as whitespace, as in sacrebleu, which
    /// opens files with newline="\n"); a final "\n" does not start another line.
    private static func lines(of data: Data, source: String) throws -> [String] {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw BleuInputError(message: "\(source) is not valid UTF-8")
        }
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension BLEUTokenizer: ExpressibleByArgument {}

/// Unreadable or inconsistent input to `nmt bleu` (exit status 1).
struct BleuInputError: LocalizedError, CustomStringConvertible {
    var message: String
    var errorDescription: String? { message }
    var description: String { message }
}
