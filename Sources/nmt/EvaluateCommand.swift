import ArgumentParser
import Evaluation
import Files
import Foundation
import Text
import Translation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Translate a test split and score it: BLEU and chrF as sacrebleu computes them.",
        discussion: """
            By default the scores are sacreBLEU's defaults: cased, detokenized text, 13a \
            tokenization. A model trained on tokenized text is scored on its tokens (--tokenize \
            none), and one trained on lowercased text case-insensitively; each signature says \
            which (tok:none, case:lc).
            """)

    @OptionGroup var models: ModelOptions

    @Option(help: "Source sentences, one per line.")
    var source: String

    @Option(help: "Reference translations, line-aligned with the source.")
    var reference: String

    @OptionGroup var search: SearchArguments

    @Option(help: "BLEU tokenization: 13a or none (default: none for a model trained on tokenized text, else 13a).")
    var tokenize: String?

    @Flag(help: "Score case-insensitively (default: cased, as sacreBLEU does, unless the model lowercases its input).")
    var lowercase = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "Also write the translations to this file.")
    var output: String?

    func run() throws {
        let tokenizer: BLEUTokenizer?
        if let tokenize {
            guard let value = BLEUTokenizer(rawValue: tokenize) else {
                throw UsageFailure(message: "--tokenize takes 13a or none, not \(tokenize)")
            }
            tokenizer = value
        } else {
            tokenizer = nil
        }
        let (loaded, ensemble) = try models.load()
        let sources = try LineReader.lines(ofFile: source)
        let references = try LineReader.lines(ofFile: reference)
        guard sources.count == references.count else {
            throw EvaluationError("\(source) has \(sources.count) lines but \(reference) has \(references.count)")
        }
        let started = Date()
        let settings = search.settings(defaults: loaded.configuration.translation)
        let translator = Translator(ensemble: ensemble, codec: loaded.codec, settings: settings, shortlist: loaded.shortlist)
        if let warning = translator.overlongInputWarning(sources) { StandardError.write(warning) }
        let hypotheses = translator.translate(sources).map(\.text)
        let seconds = Date().timeIntervalSince(started)
        if let output {
            try LineWriter.replace(output) { writer in
                for line in hypotheses { try writer.write(line) }
            }
        }
        let lowercase = self.lowercase || loaded.codec.settings.lowercase
        let bleu = BLEU.corpusScore(hypotheses: hypotheses, references: references,
                                    tokenize: tokenizer ?? (loaded.codec.settings.tokenized ? .none : .thirteenA), lowercase: lowercase)
        let chrf = CHRF.corpusScore(hypotheses: hypotheses, references: references, lowercase: lowercase)
        let standardOutput = LineWriter.standardOutput()
        if json {
            let object: [String: Any] = [
                "bleu": bleu.score, "bleu_signature": bleu.signature, "chrf": chrf.score, "chrf_signature": chrf.signature,
                "sentences": sources.count, "seconds": seconds, "beam": settings.beam,
            ]
            try standardOutput.write(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            try standardOutput.write(bleu.description)
            try standardOutput.write(chrf.description)
            try standardOutput.write(String(format: "translated %d sentences in %.2f s with beam %d", sources.count, seconds, settings.beam))
        }
        try standardOutput.flush()
    }
}

struct EvaluationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
