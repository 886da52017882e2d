import Autodiff
import Layers
@testable import Model
import TestSupport
import XCTest

/// A padded batch must give exactly what its pairs give alone: loss and gradients are sums.
final class PaddingInvarianceTests: XCTestCase {
    func testBatchedLossAndGradientsEqualSumsOfSinglePairs() throws {
        for score in AttentionScore.allCases {
            let model = Seq2Seq(ModelFixtures.tinyConfig(score), seed: 11)
            let parameters = model.parameters

            let (batchedLoss, gradients) = try lossAndGradients(model, ModelFixtures.pairs)
            var summedLoss: Float = 0
            var summedGradients = gradients.map { [Float](repeating: 0, count: $0.count) }
            for pair in ModelFixtures.pairs {
                let (loss, single) = try lossAndGradients(model, [pair])
                summedLoss += loss
                for p in parameters.indices { for i in single[p].indices { summedGradients[p][i] += single[p][i] } }
            }
            XCTAssertLessThan(relativeDifference([batchedLoss], [summedLoss]), 1e-4, "\(score) loss")
            for (p, named) in model.namedParameters.enumerated() {
                XCTAssertLessThan(relativeDifference(gradients[p], summedGradients[p]), 1e-4, "\(score) \(named.name)")
            }
        }
    }

    func testAttentionIsExactlyZeroOnPaddingAndRowsSumToOne() {
        for score in AttentionScore.allCases {
            let model = Seq2Seq(ModelFixtures.tinyConfig(score), seed: 5)
            let batch = ModelFixtures.batch(ModelFixtures.pairs)
            let attention = model.logits(batch, mode: .inference, keepAttention: true).attention
            XCTAssertEqual(attention.count, batch.targetLength)
            for weights in attention {
                for (row, length) in batch.sourceLengths.enumerated() {
                    let values = Array(weights.values[(row * weights.columns)..<((row + 1) * weights.columns)])
                    for i in length..<values.count { XCTAssertEqual(values[i], 0, "\(score): padded position \(i)") }
                    XCTAssertEqual(values.reduce(0, +), 1, accuracy: 1e-6)
                }
            }
        }
    }

    /// The loss and every parameter's gradient. Each pair of the fixture reaches every parameter,
    /// so a gradient that is missing or all zeros is a lost backward rule: it would otherwise
    /// compare equal to the sum of the pairs' equally lost gradients.
    private func lossAndGradients(_ model: Seq2Seq, _ pairs: [(source: [Int32], target: [Int32])]) throws -> (Float, [[Float]]) {
        for p in model.parameters { p.zeroGrad() }
        let tape = Tape()
        let loss = tape.recording(model.parameters) {
            model.loss(ModelFixtures.batch(pairs), smoothing: 0.1, mode: .trainingWithoutDropout)
        }.loss
        tape.backward(from: loss)
        let gradients = try model.namedParameters.map { named in
            let gradient = try XCTUnwrap(named.tensor.gradient, "\(model.config.attention): \(named.name) received no gradient")
            XCTAssertTrue(gradient.contains { $0 != 0 }, "\(model.config.attention): \(named.name), \(pairs.count) pair(s): every element of its gradient is 0")
            return gradient
        }
        return (loss.scalar, gradients)
    }

    /// ‖a − b‖ / max(‖a‖, ‖b‖, 1e-12).
    private func relativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        var diff: Double = 0, na: Double = 0, nb: Double = 0
        for i in a.indices {
            diff += Double(a[i] - b[i]) * Double(a[i] - b[i])
            na += Double(a[i]) * Double(a[i])
            nb += Double(b[i]) * Double(b[i])
        }
        return Float(diff.squareRoot() / max(na.squareRoot(), nb.squareRoot(), 1e-12))
    }
}
