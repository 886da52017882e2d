import Autodiff
import Batching
import Evaluation
import Foundation
import Model
import Search
import Text
import Translation

/// Validation: per-token loss and perplexity (no label smoothing, no dropout), and BLEU of the
/// searched translations against the references (tokenize none on pre-tokenized data, 13a on
/// raw text).
package struct Validator {
    let model: Seq2Seq
    let codec: TextCodec
    let configuration: TrainingConfiguration

    struct Result {
        var loss: Double
        var perplexity: Double
        var bleu: BLEUScore
        var seconds: Double
        var samples: [(source: String, reference: String, hypothesis: String)]
    }

    func run(sources: [String], references: [String], batches: [Batch]) -> Result {
        let started = Date()
        var total = 0.0, tokens = 0
        for batch in batches {
            let result = model.loss(batch, smoothing: 0, average: false, mode: .inference)
            total += Double(result.loss.scalar)
            tokens += result.tokens
        }
        var settings = SearchSettings()
        settings.beam = configuration.validation.beam
        settings.lengthPenalty = configuration.translation.lengthPenalty
        settings.maxLengthRatio = configuration.translation.maxLengthRatio
        let hypotheses = Translator(model: model, codec: codec, settings: settings).translate(sources).map(\.text)
        let bleu = BLEU.corpusScore(hypotheses: hypotheses, references: references,
                                    tokenize: codec.settings.tokenized ? .none : .thirteenA,
                                    lowercase: codec.settings.lowercase)
        let loss = total / Double(max(tokens, 1))
        let samples = (0..<min(configuration.validation.samples, sources.count)).map { (sources[$0], references[$0], hypotheses[$0]) }
        return Result(loss: loss, perplexity: Foundation.exp(loss), bleu: bleu, seconds: Date().timeIntervalSince(started), samples: samples)
    }
}
