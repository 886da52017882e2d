import Autodiff
import Foundation
@testable import Layers
import TestSupport
import XCTest

final class LayerNormTests: XCTestCase {
    /// y = γ ⊙ (x − μ)/√(σ² + ε) + β per row, from the definition in Double.
    func testForwardAgainstDefinition() {
        var generator = SeededGenerator(seed: 300)
        let (n, d) = (3, 5)
        let x = uniformTensor([n, d], in: -2...2, &generator)
        let gain = uniformTensor([d], &generator), bias = uniformTensor([d], &generator)
        let y = x.layerNorm(gain: gain, bias: bias)
        let xv = x.values
        var expected: [Float] = []
        for r in 0..<n {
            let row = (0..<d).map { Double(xv[r * d + $0]) }
            let mean = row.reduce(0, +) / Double(d)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d)
            for j in 0..<d {
                expected.append(Float(Double(gain.values[j]) * (row[j] - mean) / (variance + 1e-5).squareRoot() + Double(bias.values[j])))
            }
        }
        assertClose(y.values, expected, accuracy: 1e-5)
    }

    func testGradientsOfInputGainAndBias() {
        var generator = SeededGenerator(seed: 301)
        let (n, d) = (4, 6)
        let x = uniformTensor([n, d], in: -2...2, &generator)
        let gain = uniformTensor([d], in: 0.5...1.5, &generator), bias = uniformTensor([d], &generator)
        let project = Projection([n, d], seed: 302)
        assertGradientsMatch([x, gain, bias], bound: 1e-3) { project(x.layerNorm(gain: gain, bias: bias)) }
        // Through the layer, as models use it.
        let norm = LayerNorm(d)
        assertGradientsMatch([x] + norm.parameters, bound: 1e-3) { project(norm(x)) }
    }
}
