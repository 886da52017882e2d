import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

final class CrossEntropyTests: XCTestCase {

    /// Row [1, 2, 3] with target 2: log(e¹ + e² + e³) − 3 = 0.40760596. Row [0, 0, 0]: log 3.
    /// With smoothing 0.1 over V = 3: 0.9 · 0.40760596 + 0.1 · mean(−log p) = 0.50760596.
    func testKnownAnswers() {
        let logits = Tensor(shape: [2, 3], values: [1, 2, 3, 0, 0, 0])
        let plain = logits.crossEntropy(targets: [2, 1])
        XCTAssertEqual(plain.count, 2)
        XCTAssertEqual(plain.loss.scalar, 0.40760596 + 1.0986123, accuracy: 1e-5)
        let averaged = logits.crossEntropy(targets: [2, 1], average: true)
        XCTAssertEqual(averaged.loss.scalar, (0.40760596 + 1.0986123) / 2, accuracy: 1e-5)
        // The uniform row's loss is log 3 whatever the smoothing.
        let smoothed = logits.crossEntropy(targets: [2, 1], smoothing: 0.1)
        XCTAssertEqual(smoothed.loss.scalar, 0.50760596 + 1.0986123, accuracy: 1e-5)
        // Ignoring class 1 drops the second row from both the sum and the count.
        let ignoring = logits.crossEntropy(targets: [2, 1], smoothing: 0.1, ignoreIndex: 1, average: true)
        XCTAssertEqual(ignoring.count, 1)
        XCTAssertEqual(ignoring.loss.scalar, 0.50760596, accuracy: 1e-5)
    }

    /// Against −Σ_v q_v log p_v computed in Double straight from the definition.
    func testAgainstDefinition() {
        var generator = SeededGenerator(seed: 100)
        let (n, v) = (4, 7)
        let logits = uniformTensor([n, v], in: -3...3, &generator)
        let targets: [Int32] = [3, 0, 6, 0]
        let x = logits.values
        for smoothing: Float in [0, 0.1] {
            var expected = 0.0
            for r in 0..<n where targets[r] != 0 {  // class 0 is ignored
                let row = x[r * v..<(r + 1) * v].map(Double.init)
                let logTotal = Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
                for (j, value) in row.enumerated() {
                    let q = (j == Int(targets[r]) ? 1 - Double(smoothing) : 0) + Double(smoothing) / Double(v)
                    expected -= q * (value - logTotal)
                }
            }
            let (loss, count) = logits.crossEntropy(targets: targets, smoothing: smoothing, ignoreIndex: 0)
            XCTAssertEqual(count, 2)
            XCTAssertEqual(Double(loss.scalar), expected, accuracy: 1e-5, "smoothing \(smoothing)")
        }
    }

    func testGradients() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 101)
        let logits = uniformTensor([5, 6], in: -2...2, &generator)
        let targets: [Int32] = [2, 0, 5, 0, 1]
        for smoothing: Float in [0, 0.1] {
            for average in [false, true] {
                assertGradientsMatch([logits], bound: bound) {
                    logits.crossEntropy(targets: targets, smoothing: smoothing, average: average).loss
                }
                assertGradientsMatch([logits], bound: bound) {
                    logits.crossEntropy(targets: targets, smoothing: smoothing, ignoreIndex: 0, average: average).loss
                }
                // Ignored rows (1 and 3) get exactly zero gradient.
                let dx = logits.gradient!
                XCTAssertEqual(Array(dx[6..<12]) + Array(dx[18..<24]), [Float](repeating: 0, count: 12))
            }
        }
    }

    /// The loss scaled downstream: backward multiplies by the incoming gradient G.
    func testGradientScalesWithIncomingGradient() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 102)
        let logits = uniformTensor([3, 4], in: -2...2, &generator)
        assertGradientsMatch([logits], bound: bound) {
            logits.crossEntropy(targets: [1, 3, 0], smoothing: 0.1, average: true).loss.scaled(by: 2.5)
        }
    }
}
