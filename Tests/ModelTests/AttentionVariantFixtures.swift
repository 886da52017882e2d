import Autodiff
import Layers
@testable import Model
import TestSupport

/// Tiny configurations of the attention family: the recurrent model with several heads, and the
/// Transformer.
enum AttentionVariantFixtures {
    /// The tiny recurrent model (ModelFixtures) with 2 heads: memory 4 and attention size 6
    /// split into 2 and 3 per head.
    static func multiHead(_ score: AttentionScore, heads: Int = 2) -> ModelConfiguration {
        var config = ModelFixtures.tinyConfig(score)
        config.attentionHeads = heads
        config.attentionSize = 6
        return config
    }

    /// A 2-layer Transformer of width 4 with 2 heads.
    static func transformer(tied: EmbeddingTying = .none) -> ModelConfiguration {
        var config = ModelFixtures.tinyConfig(.scaledDot)
        config.architecture = .transformer
        config.embeddingSize = 4
        config.transformerLayers = 2
        config.transformerHeads = 2
        config.feedForwardSize = 6
        config.tieEmbeddings = tied
        if tied == .all { (config.sourceVocabularySize, config.targetVocabularySize) = (9, 9) }
        return config
    }

    /// The tiny recurrent model with one matrix for source embedding, target embedding and
    /// output (one vocabulary of 9).
    static var recurrentTiedAll: ModelConfiguration {
        var config = ModelFixtures.tinyConfig(.additive)
        (config.sourceVocabularySize, config.targetVocabularySize) = (9, 9)
        config.preOutputSize = config.embeddingSize
        config.tieEmbeddings = .all
        return config
    }

    static var all: [ModelConfiguration] {
        AttentionScore.allCases.map { multiHead($0) }
            + [transformer(), transformer(tied: .target), transformer(tied: .all), recurrentTiedAll]
    }
}
