import Autodiff
import Layers
@testable import Model
import TestSupport
import XCTest

/// Finite differences of the whole model's loss against backward, for every parameter tensor and
/// each attention score.
final class Seq2SeqGradientTests: XCTestCase {
    func testEveryParameterGradientForEachAttentionScore() {
        // Float32 central differences with ε = 2e-2 on a loss of order 25: most tensors agree to
        // 1e-4–1e-3; the attention's own weights, whose gradients are the smallest, to about 1.5e-2
        // (measured), from the numeric side's rounding. Bound: 2e-2 relative (‖a − n‖ / (‖a‖ + ‖n‖)).
        let bound: Float = 2e-2
        for score in AttentionScore.allCases {
            let model = Seq2Seq(ModelFixtures.tinyConfig(score), seed: 7)
            // Toolkit init on 2–5 wide layers leaves some gradients (the attention query's) near
            // 1e-6, below the Float32 noise floor of a central difference (ulp(L)/ε ≈ 1e-4), so
            // every parameter is redrawn from U(−1, 1), which makes every gradient measurable.
            ModelFixtures.randomize(model, seed: 99)
            let batch = ModelFixtures.batch(ModelFixtures.pairs)
            let named = model.namedParameters
            let result = GradientCheck.check(named.map(\.tensor), epsilon: 2e-2, maxElements: 40) {
                model.loss(batch, smoothing: 0.1, mode: .trainingWithoutDropout).loss
            }
            print(score, result)
            for (parameter, error) in zip(named, result.relativeErrors) {
                XCTAssertLessThan(error, bound, "\(score): \(parameter.name) relative error \(error)")
            }
            XCTAssertGreaterThan(named.count, 10, "\(score): parameters enumerated")
        }
    }

    func testParameterNamesAreUniqueAndDescriptive() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 1)
        let names = model.namedParameters.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertTrue(names.contains("encoder.lstm.layer0.backward.w_hidden"))
        XCTAssertTrue(names.contains("decoder.attention.energy"))
    }

    func testInitializationFollowsToolkitConventions() {
        let model = Seq2Seq(ModelFixtures.tinyConfig(.additive), seed: 3)
        let lstm = model.encoder.recurrent.layers[0][0]
        let h = lstm.hiddenSize
        // Forget-gate bias starts at 1, the other gates at 0.
        XCTAssertEqual(Array(lstm.bias.values[h..<(2 * h)]), [Float](repeating: 1, count: h))
        XCTAssertEqual(Array(lstm.bias.values[0..<h]), [Float](repeating: 0, count: h))
        // Each recurrent gate block is orthogonal: QᵀQ = I.
        let w = lstm.hiddenWeight.values
        for block in 0..<4 {
            for i in 0..<h {
                for j in 0..<h {
                    var dot: Float = 0
                    for r in 0..<h { dot += w[r * 4 * h + block * h + i] * w[r * 4 * h + block * h + j] }
                    XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
                }
            }
        }
    }
}
