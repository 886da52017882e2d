import Foundation
import Autodiff
@testable import Layers
import XCTest

final class AdamTests: XCTestCase {
    /// Two steps by hand: with bias correction the first step moves each weight by lr·sign(g).
    func testStepsMatchTheFormula() {
        let w = Tensor(shape: [2], values: [1, -2], requiresGrad: true)
        let adam = Adam(parameters: [("w", w)], learningRate: 0.1)
        w.gradBuffer()[0] = 0.5
        w.gradBuffer()[1] = -3
        adam.update()
        XCTAssertEqual(w.values[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(w.values[1], -1.9, accuracy: 1e-6)
        XCTAssertEqual(w.gradient, [0, 0], "update zeroes the gradients")
        // Second step with g = 0.5 again: m = 0.9·0.05 + 0.05 = 0.095, v = 0.999·2.5e-4 + 2.5e-4.
        w.gradBuffer()[0] = 0.5
        adam.update()
        let m = 0.095 / (1 - 0.81), v = (0.999 * 2.5e-4 + 0.001 * 0.25) / (1 - 0.998001)
        XCTAssertEqual(Double(w.values[0]), 0.9 - 0.1 * m / (v.squareRoot() + 1e-8), accuracy: 1e-5)
        XCTAssertEqual(adam.step, 2)
    }

    /// PyTorch's Adam(weight_decay=λ): λp joins the gradient before the moments. With w = 1,
    /// g = −0.05 and λ = 0.1 the step follows g + λw = +0.05 and moves w down, where plain Adam
    /// would move it up; likewise w = −2, g = 0.1 gives −0.1 and moves it up.
    func testWeightDecayIsAddedToTheGradient() {
        let w = Tensor(shape: [2], values: [1, -2], requiresGrad: true)
        let adam = Adam(parameters: [("w", w)], learningRate: 0.1, weightDecay: 0.1)
        w.gradBuffer()[0] = -0.05
        w.gradBuffer()[1] = 0.1
        adam.update()
        XCTAssertEqual(w.values[0], 0.9, accuracy: 1e-6)
        XCTAssertEqual(w.values[1], -1.9, accuracy: 1e-6)
        // Second step, g = −0.05 again at w = 0.9: g + λw = 0.04; m = 0.9·0.005 + 0.1·0.04 = 0.0085,
        // v = 0.999·2.5e-6 + 0.001·0.0016 = 4.0975e-6.
        w.gradBuffer()[0] = -0.05
        adam.update()
        let m = 0.0085 / (1 - 0.81), v = 4.0975e-6 / (1 - 0.998001)
        XCTAssertEqual(Double(w.values[0]), 0.9 - 0.1 * m / (v.squareRoot() + 1e-8), accuracy: 1e-5)
        XCTAssertEqual(Double(w.values[0]), 0.801187, accuracy: 1e-5)
    }

    /// The update runs sixteen elements at a time with a shorter last block: every element of a
    /// 37-element tensor (two full blocks and a tail of 5) follows the scalar formula, over two
    /// steps with clipping's scale and weight decay.
    func testEveryElementOfFullAndShortBlocksFollowsTheFormula() {
        let n = 37
        let start = (0..<n).map { Float($0 % 7) * 0.25 - 0.8 }
        let w = Tensor(shape: [n], values: start, requiresGrad: true)
        let adam = Adam(parameters: [("w", w)], learningRate: 0.01, weightDecay: 0.01)
        var expected = start, m = [Float](repeating: 0, count: n), v = [Float](repeating: 0, count: n)
        for step in 1...2 {
            let gradients = (0..<n).map { Float(($0 * 5 + step) % 11) * 0.1 - 0.5 }
            for i in 0..<n { w.gradBuffer()[i] = gradients[i] }
            adam.update(gradientScale: 0.5)
            let stepSize: Float = 0.01 / (1 - Foundation.pow(Float(0.9), Float(step)))
            let inverseRoot2: Float = 1 / (1 - Foundation.pow(Float(0.999), Float(step))).squareRoot()
            for i in 0..<n {
                let g = gradients[i] * 0.5 + 0.01 * expected[i]
                m[i] = 0.9 * m[i] + (1 - 0.9) * g
                v[i] = 0.999 * v[i] + (1 - 0.999) * g * g
                expected[i] -= stepSize * m[i] / (v[i].squareRoot() * inverseRoot2 + 1e-8)
            }
            for i in 0..<n { XCTAssertEqual(w.values[i], expected[i], accuracy: 1e-6, "step \(step), element \(i)") }
            XCTAssertEqual(w.gradient, [Float](repeating: 0, count: n))
        }
    }

    func testClippingScalesTheGlobalNorm() {
        let a = Tensor(shape: [2], values: [0, 0], requiresGrad: true)
        let b = Tensor(shape: [1], values: [0], requiresGrad: true)
        a.gradBuffer()[0] = 3
        a.gradBuffer()[1] = 0
        b.gradBuffer()[0] = 4
        let norm = GradientClipping.clipNorm([a, b], maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-6)
        XCTAssertEqual(a.gradient![0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(b.gradient![0], 0.8, accuracy: 1e-5)
    }

    /// Clipping folded into the update: the same weights as clipping the gradients first.
    func testGradientScaleEqualsClippingFirst() {
        func run(fused: Bool) -> [Float] {
            let w = Tensor(shape: [3], values: [1, -2, 0.5], requiresGrad: true)
            let adam = Adam(parameters: [("w", w)], learningRate: 0.1)
            for step in 0..<3 {
                for (i, g) in [3, -4, 12].enumerated() { w.gradBuffer()[i] = Float(g) * Float(step + 1) }
                if fused {
                    let norm = GradientClipping.globalNorm([w])
                    XCTAssertEqual(norm, 13 * Float(step + 1), accuracy: 1e-4)
                    adam.update(gradientScale: GradientClipping.scale(norm: norm, maxNorm: 1))
                } else {
                    GradientClipping.clipNorm([w], maxNorm: 1)
                    adam.update()
                }
                XCTAssertEqual(w.gradient, [0, 0, 0])
            }
            return w.values
        }
        let fused = run(fused: true), separate = run(fused: false)
        for (a, e) in zip(fused, separate) { XCTAssertEqual(a, e, accuracy: 1e-6) }
        XCTAssertEqual(GradientClipping.scale(norm: 0.5, maxNorm: 1), 1)
        XCTAssertEqual(GradientClipping.scale(norm: 5, maxNorm: 0), 1)
    }
}
