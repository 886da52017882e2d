import Autodiff
import Batching
import Layers
import Model
import Text

/// A tiny model and hand-made batches for exact checks.
package enum ModelFixtures {
    /// Dimensions small enough for finite differences over every parameter; encoder 2×2 so the
    /// memory (4) matches the decoder state (4), as the dot scores need.
    package static func tinyConfig(_ score: AttentionScore) -> ModelConfiguration {
        var config = ModelConfiguration(sourceVocabularySize: 9, targetVocabularySize: 8)
        config.embeddingSize = 3
        config.encoderHiddenSize = 2
        config.decoderHiddenSize = 4
        config.attention = score
        config.attentionSize = 5
        config.preOutputSize = 3
        config.dropout = 0
        return config
    }

    /// Pairs of different lengths; sources end in </s> (2), targets are the bare tokens.
    package static let pairs: [(source: [Int32], target: [Int32])] = [
        ([4, 5, 6, 7, 2], [4, 5, 6]),
        ([8, 2], [7, 4, 5, 6, 7]),
        ([5, 4, 3, 2], [6]),
    ]

    /// Redraws every parameter from U(−limit, limit).
    package static func randomize(_ model: Seq2Seq, seed: UInt64, limit: Float = 1) {
        var generator = SeededGenerator(seed: seed)
        for p in model.parameters {
            for i in 0..<p.count { p.data[i] = (2 * generator.nextUniform() - 1) * limit }
        }
    }

    /// Time-major padded batch of the given pairs.
    package static func batch(_ pairs: [(source: [Int32], target: [Int32])]) -> Batch {
        let b = pairs.count
        let sourceSteps = pairs.map(\.source.count).max()!
        let targetSteps = pairs.map { $0.target.count + 1 }.max()!
        var source = [Int32](repeating: 0, count: sourceSteps * b)
        var input = [Int32](repeating: 0, count: targetSteps * b)
        var output = [Int32](repeating: 0, count: targetSteps * b)
        for (row, pair) in pairs.enumerated() {
            for (t, id) in pair.source.enumerated() { source[t * b + row] = id }
            let withBos = [Vocabulary.startID] + pair.target
            let withEos = pair.target + [Vocabulary.endID]
            for t in 0..<withBos.count {
                input[t * b + row] = withBos[t]
                output[t * b + row] = withEos[t]
            }
        }
        return Batch(sourceIDs: source, sourceLengths: pairs.map(\.source.count),
                     targetInput: input, targetOutput: output, targetLengths: pairs.map { $0.target.count + 1 })
    }
}
