import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

final class PositionalEncodingTests: XCTestCase {
    /// PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)), written out.
    func testValuesEqualTheFormula() {
        let d = 8
        for p in [0, 1, 7, 49] {
            for i in 0..<(d / 2) {
                let angle = Double(p) / Foundation.pow(10000.0, Double(2 * i) / Double(d))
                XCTAssertEqual(PositionalEncoding.value(position: p, feature: 2 * i, size: d), Float(Foundation.sin(angle)), accuracy: 1e-7)
                XCTAssertEqual(PositionalEncoding.value(position: p, feature: 2 * i + 1, size: d), Float(Foundation.cos(angle)), accuracy: 1e-7)
            }
        }
        // Known values: position 0 is (0, 1, 0, 1, …); feature 0 at position 1 is sin 1; the
        // last pair of d = 8 has wavelength 10000^(6/8)·2π, so position 1000 gives sin(1000 / 1000).
        XCTAssertEqual((0..<d).map { PositionalEncoding.value(position: 0, feature: $0, size: d) }, [0, 1, 0, 1, 0, 1, 0, 1])
        XCTAssertEqual(PositionalEncoding.value(position: 1, feature: 0, size: d), Float(Foundation.sin(1.0)), accuracy: 1e-7)
        XCTAssertEqual(PositionalEncoding.value(position: 1000, feature: 6, size: d), Float(Foundation.sin(1.0)), accuracy: 1e-6)
    }

    /// Row t·B + b of the output is scale · x + PE(first + t): time-major, the same position
    /// for every sentence of a step.
    func testAddingPositionsToATimeMajorBatch() {
        var generator = SeededGenerator(seed: 310)
        let (steps, b, d) = (3, 2, 4)
        let x = uniformTensor([steps * b, d], &generator)
        let y = x.addingPositions(batch: b, firstPosition: 5, scale: 2)
        var expected: [Float] = []
        for t in 0..<steps {
            for sentence in 0..<b {
                for j in 0..<d {
                    expected.append(2 * x.values[(t * b + sentence) * d + j] + PositionalEncoding.value(position: 5 + t, feature: j, size: d))
                }
            }
        }
        assertClose(y.values, expected, accuracy: 1e-6)
    }

    /// Embedding lookup, √d scaling and positions, as the Transformer's input: the gradient of
    /// the table (a row used twice gets both).
    func testGradientOfEmbeddingWithPositions() {
        var generator = SeededGenerator(seed: 311)
        let (b, d) = (2, 4)
        let embedding = Embedding(vocabularySize: 5, dimension: d, std: 0.5, using: &generator)
        let ids: [Int32] = [1, 3, 4, 1, 0, 2]  // 3 steps × 2 sentences
        let project = Projection([ids.count, d], seed: 312)
        assertGradientsMatch(embedding.parameters, bound: 1e-3) {
            project(embedding(ids).addingPositions(batch: b, scale: Float(d).squareRoot()))
        }
    }
}
