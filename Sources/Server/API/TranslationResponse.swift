import Search
import Translation

/// The answer to POST /translate: one entry per sentence, in the request's order.
///
///     {"translations": [{"text": "…", "score": -0.41, "source_tokens": [… "</s>"],
///                        "target_tokens": […], "attention": [[…]], "n_best": [{"text", "score"}]}]}
///
/// `score` is the best hypothesis's log-probability / length^α, as `nmt translate --n-best`
/// prints it; null for greedy search (beam 1), which computes no probabilities, and for empty
/// sentences. `attention` (when asked): one row per target token, one weight per source token
/// (the last is </s>). `n_best` (when n_best > 1): the best hypotheses, best first.
struct TranslationResponse: Encodable {
    var translations: [Entry]

    struct Entry: Encodable {
        var text: String
        var score: Float?
        var sourceTokens: [String]
        var targetTokens: [String]
        var attention: [[Float]]?
        var nBest: [Hypothesis]?

        enum CodingKeys: String, CodingKey {
            case text, score, attention
            case sourceTokens = "source_tokens"
            case targetTokens = "target_tokens"
            case nBest = "n_best"
        }

        /// `score` is written as null when there is none; the optional parts only when asked for.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(score, forKey: .score)
            try container.encode(sourceTokens, forKey: .sourceTokens)
            try container.encode(targetTokens, forKey: .targetTokens)
            try container.encodeIfPresent(attention, forKey: .attention)
            try container.encodeIfPresent(nBest, forKey: .nBest)
        }
    }

    struct Hypothesis: Encodable {
        var text: String
        var score: Float?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(score, forKey: .score)
        }

        enum CodingKeys: String, CodingKey { case text, score }
    }

    init(_ outputs: [Translator.Output], settings: SearchSettings) {
        translations = outputs.map { output in
            // An empty sentence is never searched: it has no source units and no score.
            let searched = !output.sourceTokens.isEmpty && settings.beam > 1
            let hypotheses = output.hypotheses.prefix(settings.nBest).map {
                Hypothesis(text: $0.text, score: searched ? $0.score : nil)
            }
            return Entry(text: output.text, score: hypotheses.first?.score, sourceTokens: output.sourceTokens,
                         targetTokens: output.targetTokens, attention: settings.keepAttention ? output.attention : nil,
                         nBest: settings.nBest > 1 ? hypotheses : nil)
        }
    }
}
