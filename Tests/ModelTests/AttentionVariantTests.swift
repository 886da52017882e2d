import Autodiff
import Layers
@testable import Model
import TestSupport
import XCTest

/// The multi-head recurrent model and the Transformer: parameters as `parameterShapes` says,
/// gradients against finite differences, padding invariance, causality, and incremental
/// decoding equal to teacher forcing.
final class AttentionVariantTests: XCTestCase {
    func testParameterShapesAreWhatTheModelBuilds() {
        for config in AttentionVariantFixtures.all {
            let built = Seq2Seq(config, seed: 1).namedParameters
            XCTAssertEqual(config.parameterShapes.map(\.name), built.map(\.name), "\(config)")
            XCTAssertEqual(config.parameterShapes.map(\.shape), built.map(\.tensor.shape), "\(config)")
            XCTAssertEqual(Set(built.map(\.name)).count, built.count, "names are unique")
        }
    }

    /// Every parameter of the whole model against central differences (bound as in
    /// Seq2SeqGradientTests: 2e-2 relative on a loss of order 25 in Float32).
    /// The Transformer is checked with one layer per stack and ε = 1e-2: the tensors before a
    /// ReLU (feed-forward inner weights and the norm that feeds them) see a few pre-activations
    /// cross 0 within a step of ε, and their error grows linearly with ε (measured on the inner
    /// bias: 0.02 at ε = 1e-2, 0.045 at 2e-2, 0.08 at 5e-2), the signature of a kink rather than
    /// of a wrong rule, which gives errors of order 1. Those get 4e-2. Each op alone is checked
    /// at 1e-3 in LayersTests; two layers are covered by the padding and decoding tests.
    func testEveryParameterGradient() {
        for var config in AttentionVariantFixtures.all {
            let transformer = config.architecture == .transformer
            if transformer { config.transformerLayers = 1 }
            let model = Seq2Seq(config, seed: 7)
            // Toolkit init leaves some gradients below Float32's central-difference noise (see
            // Seq2SeqGradientTests): every parameter is redrawn from U(−1, 1).
            ModelFixtures.randomize(model, seed: 99)
            let batch = ModelFixtures.batch(ModelFixtures.pairs)
            let named = model.namedParameters
            let result = GradientCheck.check(named.map(\.tensor), epsilon: transformer ? 1e-2 : 2e-2, maxElements: 40) {
                model.loss(batch, smoothing: 0.1, mode: .trainingWithoutDropout).loss
            }
            for (parameter, error) in zip(named, result.relativeErrors) {
                let beforeReLU = transformer && (parameter.name.contains("feed_forward.inner") || parameter.name.contains("feed_forward_norm"))
                XCTAssertLessThan(error, beforeReLU ? 4e-2 : 2e-2,
                                  "\(config.architecture) \(config.attention) ×\(config.attentionHeads): \(parameter.name)")
            }
        }
    }

    /// A padded batch gives the sum of its pairs' losses and gradients, to 1e-4 relative.
    func testPaddingInvariance() throws {
        for config in AttentionVariantFixtures.all {
            let tying = config.tieEmbeddings == .none ? "" : " tied " + config.tieEmbeddings.rawValue
            let variant = "\(config.architecture) \(config.attention) ×\(config.attentionHeads)" + tying
            try assertPaddingInvariant(Seq2Seq(config, seed: 11), pairs: ModelFixtures.pairs, label: variant)
        }
    }

    /// Changing the target token at position t + 1 never changes the decoder's output (logits)
    /// at positions ≤ t, for every t; it does change position t + 1.
    func testTransformerDecoderIsCausal() {
        let model = Seq2Seq(AttentionVariantFixtures.transformer(), seed: 3)
        ModelFixtures.randomize(model, seed: 4, limit: 0.7)
        let batch = ModelFixtures.batch(ModelFixtures.pairs)
        let b = batch.size, v = model.config.targetVocabularySize
        let before = model.logits(batch, mode: .inference).logits.values
        for t in 0..<(batch.targetLength - 1) {
            var changed = batch
            for row in 0..<b { changed.targetInput[(t + 1) * b + row] = changed.targetInput[(t + 1) * b + row] == 5 ? 6 : 5 }
            let after = model.logits(changed, mode: .inference).logits.values
            XCTAssertEqual(Array(after[0..<((t + 1) * b * v)]), Array(before[0..<((t + 1) * b * v)]), "position \(t)")
            XCTAssertNotEqual(Array(after[((t + 1) * b * v)..<((t + 2) * b * v)]), Array(before[((t + 1) * b * v)..<((t + 2) * b * v)]))
        }
    }

    /// Search's one-step-at-a-time decoding with cached keys and values gives the logits of
    /// teacher forcing, step by step, and greedy search equals beam search with k = 1.
    func testIncrementalDecodingEqualsTeacherForcing() {
        for config in [AttentionVariantFixtures.transformer(), AttentionVariantFixtures.multiHead(.additive)] {
            let model = Seq2Seq(config, seed: 5)
            ModelFixtures.randomize(model, seed: 6, limit: 0.7)
            let batch = ModelFixtures.batch(ModelFixtures.pairs)
            let b = batch.size, v = config.targetVocabularySize
            let forced = model.logits(batch, mode: .inference).logits.values
            var session = model.decodingSession(batch)
            for t in 0..<batch.targetLength {
                let step = session.step(Array(batch.targetInput[(t * b)..<((t + 1) * b)]))
                assertClose(step.logits.values, Array(forced[(t * b * v)..<((t + 1) * b * v)]), accuracy: 1e-4, "\(config.architecture) step \(t)")
                XCTAssertEqual(step.weights.shape, [b, batch.sourceIDs.count / b])
            }
            let sources = ModelFixtures.pairs.map(\.source)
            let greedy = model.greedy(sources, maxLength: { $0 + 3 }).map(\.ids)
            let beam = model.beamSearch(sources, beamSize: 1, maxLength: { $0 + 3 }).map { $0[0].ids }
            XCTAssertEqual(greedy, beam, "\(config.architecture)")
            // Wider beams run through the cache reordering; each sentence gets a hypothesis.
            let wide = model.beamSearch(sources, beamSize: 3, maxLength: { $0 + 3 }, nBest: 2, keepAttention: true)
            XCTAssertEqual(wide.count, sources.count)
            for (hypotheses, source) in zip(wide, sources) {
                XCTAssertFalse(hypotheses.isEmpty)
                for row in hypotheses[0].attention {
                    XCTAssertEqual(row.count, source.count)
                    XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
                }
            }
        }
    }

    /// Rows reordered between steps, as beam search reorders them, go on from their new parent's
    /// history: three targets of one source, teacher-forced side by side, against a session
    /// whose rows switch targets at steps 2 and 3.
    func testReorderedRowsContinueTheirParentsHistory() {
        for config in [AttentionVariantFixtures.transformer(), AttentionVariantFixtures.multiHead(.additive)] {
            let model = Seq2Seq(config, seed: 9)
            ModelFixtures.randomize(model, seed: 10, limit: 0.7)
            let source: [Int32] = [4, 5, 6, 7, 2]
            let batch = ModelFixtures.batch([(source, [4, 5, 6, 7]), (source, [6, 4, 7, 5]), (source, [5, 5, 4, 4])])
            let b = batch.size, v = config.targetVocabularySize
            let forced = model.logits(batch, mode: .inference).logits.values
            var session = model.decodingSession(batch)
            var follows = [0, 1, 2]  // the target each row is on
            let reorders: [Int: [Int32]] = [2: [2, 0, 0], 3: [1, 2, 0]]
            for t in 0..<batch.targetLength {
                if let reorder = reorders[t] {
                    session.continueRows(reorder)
                    follows = reorder.map { follows[Int($0)] }
                }
                let step = session.step(follows.map { batch.targetInput[t * b + $0] })
                for (row, target) in follows.enumerated() {
                    assertClose(Array(step.logits.values[(row * v)..<((row + 1) * v)]),
                                Array(forced[((t * b + target) * v)..<((t * b + target + 1) * v)]),
                                accuracy: 1e-4, "\(config.architecture) step \(t) row \(row)")
                }
            }
        }
    }

    /// Cross-attention weights kept by teacher forcing: zero on padding, rows summing to 1.
    func testTransformerAttentionIsZeroOnPadding() {
        let model = Seq2Seq(AttentionVariantFixtures.transformer(), seed: 8)
        let batch = ModelFixtures.batch(ModelFixtures.pairs)
        let attention = model.logits(batch, mode: .inference, keepAttention: true).attention
        XCTAssertEqual(attention.count, batch.targetLength)
        for weights in attention {
            for (row, length) in batch.sourceLengths.enumerated() {
                let values = Array(weights.values[(row * weights.columns)..<((row + 1) * weights.columns)])
                for i in length..<values.count { XCTAssertEqual(values[i], 0) }
                XCTAssertEqual(values.reduce(0, +), 1, accuracy: 1e-5)
            }
        }
    }
}

/// `tie_embeddings: all`: one matrix is the source embedding, the target embedding and the
/// output projection, listed once among the parameters.
final class EmbeddingTyingTests: XCTestCase {
    func testTiedAllSharesOneMatrix() {
        for config in [AttentionVariantFixtures.recurrentTiedAll, AttentionVariantFixtures.transformer(tied: .all)] {
            let model = Seq2Seq(config, seed: 5)
            let (source, target): (Embedding, Embedding)
            switch model.architecture {
            case .recurrent(let encoder, _, let decoder): (source, target) = (encoder.embedding, decoder.embedding)
            case .transformer(let transformer): (source, target) = (transformer.encoder.embedding, transformer.decoder.embedding)
            }
            XCTAssertTrue(source === target, "\(config.architecture)")
            let names = model.namedParameters.map(\.name)
            XCTAssertTrue(names.contains("encoder.embedding.weight"))
            XCTAssertFalse(names.contains("decoder.embedding.weight"))
            XCTAssertFalse(names.contains("decoder.output.weight"))
            var untied = config
            untied.tieEmbeddings = .none
            // Untied has a second V×e embedding and a V×e output weight (its bias matches the
            // tied output's own bias).
            XCTAssertEqual(Seq2Seq(untied, seed: 5).parameterCount - model.parameterCount,
                           2 * config.targetVocabularySize * config.embeddingSize, "\(config.architecture)")
        }
    }

    func testTiedAllNeedsOneVocabulary() {
        var config = AttentionVariantFixtures.recurrentTiedAll
        config.targetVocabularySize = 8
        XCTAssertEqual(config.sizeProblems,
                       ["tieEmbeddings: all needs one vocabulary for both languages, found 9 source and 8 target entries"])
    }
}
