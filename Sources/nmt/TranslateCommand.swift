import ArgumentParser
import Foundation
import Text
import Translation

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate sentences, one per line, with a trained checkpoint.")

    @Option(help: "The checkpoint file.")
    var checkpoint: String

    @OptionGroup var search: SearchOptions

    @Option(help: "Read sentences from this file instead of standard input.")
    var input: String?

    @Option(help: "Write translations to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("n-best"), help: "Print the N best translations of each sentence as `line ||| translation ||| score`.")
    var nBest: Int = 1

    @Option(name: .customLong("attention-svg"), help: "Draw the attention weights of one translated sentence as an SVG heat map.")
    var attentionSVG: String?

    @Option(name: .customLong("attention-line"), help: "Which input line (1-based) --attention-svg draws.")
    var attentionLine: Int = 1

    func validate() throws {
        guard nBest >= 1 else { throw ValidationError("--n-best must be at least 1") }
        guard attentionLine >= 1 else { throw ValidationError("--attention-line must be at least 1") }
    }

    func run() throws {
        let loaded = try ModelCheckpoint.load(from: checkpoint)
        let lines = try (input.map { try LineReader(path: $0) } ?? LineReader.standardInput()).readAll()
        var options = search.options(defaults: loaded.configuration.translation)
        options.nBest = max(nBest, options.nBest)
        options.keepAttention = attentionSVG != nil
        let translator = Translator(model: loaded.model, codec: loaded.codec, options: options)
        if let warning = translator.overlongInputWarning(lines) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let outputs = translator.translate(lines)
        let writer = try output.map { try LineWriter(path: $0) } ?? LineWriter.standardOutput()
        for (index, result) in outputs.enumerated() {
            if nBest > 1 {
                for hypothesis in result.hypotheses.prefix(nBest) {
                    try writer.write("\(index) ||| \(hypothesis.text) ||| \(String(format: "%.4f", hypothesis.score))")
                }
            } else {
                try writer.write(result.text)
            }
        }
        try writer.flush()
        if let attentionSVG {
            guard attentionLine <= outputs.count else {
                throw UsageFailure(message: "--attention-line \(attentionLine) but the input has \(outputs.count) lines")
            }
            let chosen = outputs[attentionLine - 1]
            try AttentionHeatMap(sourceTokens: chosen.sourceTokens, targetTokens: chosen.targetTokens,
                                 weights: chosen.attention).write(to: attentionSVG)
        }
    }
}

/// Search settings shared by translate and evaluate; unset ones come from the checkpoint's
/// configuration (its `translation` section).
struct SearchOptions: ParsableArguments {
    @Option(help: "Beam size (1 = greedy search).")
    var beam: Int?

    @Option(name: .customLong("length-penalty"), help: "α in score / length^α.")
    var lengthPenalty: Float?

    @Option(name: .customLong("max-length-ratio"), help: "Longest output: ratio × source length + 10.")
    var maxLengthRatio: Float?

    @Option(name: .customLong("batch-size"), help: "Sentences decoded together.")
    var batchSize: Int = 64

    func validate() throws {
        if let beam, beam < 1 { throw ValidationError("--beam must be at least 1") }
        if let maxLengthRatio, maxLengthRatio <= 0 { throw ValidationError("--max-length-ratio must be positive") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func options(defaults: TrainingConfiguration.TranslationSection) -> Translator.Options {
        var options = Translator.Options()
        options.beamSize = beam ?? defaults.beam
        options.lengthPenalty = lengthPenalty ?? defaults.lengthPenalty
        options.maxLengthRatio = maxLengthRatio ?? defaults.maxLengthRatio
        options.batchSize = batchSize
        options.inputLimit = InputLengthLimit(defaults)
        return options
    }
}
