import Autodiff
import Layers
@testable import Model
import TestSupport
import XCTest

/// A padded batch must give exactly what its pairs give alone: loss and gradients are sums.
final class PaddingInvarianceTests: XCTestCase {
    func testBatchedLossAndGradientsEqualSumsOfSinglePairs() throws {
        for score in AttentionScore.allCases {
            try assertPaddingInvariant(Seq2Seq(ModelFixtures.tinyConfig(score), seed: 11), pairs: ModelFixtures.pairs, label: "\(score)")
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
}
