import ArgumentParser
import Files
import Foundation
import Reporting
import Search
import Text
import Translation

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate sentences, one per line, with a trained checkpoint.")

    @OptionGroup var models: ModelOptions

    @OptionGroup var search: SearchArguments

    @Option(help: "Read sentences from this file instead of standard input.")
    var input: String?

    @Option(help: "Write translations to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("n-best"), parsing: .unconditional,
            help: "Print the N best translations (1-100) of each sentence as `line ||| translation ||| score`.")
    var nBest: Int = 1

    @Option(name: .customLong("attention-svg"), help: "Draw the attention weights of one translated sentence as an SVG heat map.")
    var attentionSVG: String?

    @Option(name: .customLong("attention-line"), parsing: .unconditional,
            help: "Which input line (1-based, at most the number of input lines) --attention-svg draws.")
    var attentionLine: Int = 1

    func validate() throws {
        try RangeCheck.check(nBest, in: SearchSettings.Limits.nBest, "--n-best")
        guard attentionLine >= 1 else { throw ValidationError("--attention-line must be at least 1, not \(attentionLine)") }
    }

    func run() throws {
        let (loaded, ensemble) = try models.load()
        let lines = try (input.map { try LineReader(path: $0) } ?? LineReader.standardInput()).readAll()
        if attentionSVG != nil, attentionLine > lines.count {
            throw UsageFailure(message: "--attention-line \(attentionLine) but the input has \(lines.count) line\(lines.count == 1 ? "" : "s")")
        }
        var settings = search.settings(defaults: loaded.configuration.translation)
        settings.nBest = max(nBest, settings.nBest)
        settings.keepAttention = attentionSVG != nil
        let translator = Translator(ensemble: ensemble, codec: loaded.codec, settings: settings, shortlist: loaded.shortlist)
        if let warning = translator.overlongInputWarning(lines) { StandardError.write(warning) }
        let outputs = translator.translate(lines)
        try writeLines { writer in
            for (index, result) in outputs.enumerated() {
                if nBest > 1 {
                    for hypothesis in result.hypotheses.prefix(nBest) {
                        try writer.write("\(index) ||| \(hypothesis.text) ||| \(String(format: "%.4f", hypothesis.score))")
                    }
                } else {
                    try writer.write(result.text)
                }
            }
        }
        if let attentionSVG {
            let chosen = outputs[attentionLine - 1]
            try AttentionHeatMap(sourceTokens: chosen.sourceTokens, targetTokens: chosen.targetTokens,
                                 weights: chosen.attention, title: translator.model.config.attentionShown).write(to: attentionSVG)
        }
    }

    /// `--output` is replaced whole once every line is written (a failure keeps the old file);
    /// standard output is a stream.
    private func writeLines(_ body: (LineWriter) throws -> Void) throws {
        if let output {
            try LineWriter.replace(output, writing: body)
        } else {
            let writer = LineWriter.standardOutput()
            try body(writer)
            try writer.flush()
        }
    }
}
