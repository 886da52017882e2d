@testable import Autodiff
import Foundation
import TestSupport
import XCTest

final class ActivationTests: XCTestCase {

    func testKnownAnswers() {
        let x = Tensor(shape: [4], values: [-2, 0, 0.5, 3])
        let accuracy: Float = 1e-6  // FastMath is within 2e-7 of Foundation here
        assertClose(x.sigmoid().values, [-2, 0, 0.5, 3].map { 1 / (1 + Foundation.exp(-$0)) }, accuracy: accuracy)
        assertClose(x.tanh().values, [-2, 0, 0.5, 3].map { Foundation.tanh($0) }, accuracy: accuracy)
        assertClose(x.exp().values, [-2, 0, 0.5, 3].map { Foundation.exp($0) }, accuracy: accuracy * 20)
        let positive = Tensor(shape: [3], values: [1, Float(M_E), 0.25])
        assertClose(positive.log().values, [0, 1, -1.3862944], accuracy: accuracy)
        XCTAssertEqual(Tensor(shape: [1], values: [0]).sigmoid().scalar, 0.5)
    }

    func testGradients() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²) on inputs of size ≤ 2
        var generator = SeededGenerator(seed: 20)
        let x = uniformTensor([3, 4], in: -2...2, &generator)
        let project = Projection([3, 4], seed: 21)
        assertGradientsMatch([x], bound: bound) { project(x.sigmoid()) }
        assertGradientsMatch([x], bound: bound) { project(x.tanh()) }
        assertGradientsMatch([x], bound: bound) { project(x.exp()) }
        // log on positive inputs away from 0, where a step of ε stays well inside the domain.
        let positive = uniformTensor([3, 4], in: 0.5...2, &generator)
        assertGradientsMatch([positive], bound: bound) { project(positive.log()) }
        // relu away from its kink: |x| ≥ 0.1 > ε, with both signs present.
        let signed = uniformTensor([3, 4], in: 0.1...2, &generator)
        for i in stride(from: 0, to: signed.count, by: 2) { signed.data[i] = -signed.data[i] }
        assertGradientsMatch([signed], bound: bound) { project(signed.relu()) }
        XCTAssertEqual(Tensor(shape: [3], values: [-1, 0, 2]).relu().values, [0, 0, 2])
    }

    /// Gradients through a chain of activations (each backward reads its own saved output).
    func testGradientOfComposition() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 22)
        let x = uniformTensor([2, 3], in: -1...1, &generator)
        let project = Projection([2, 3], seed: 23)
        assertGradientsMatch([x], bound: bound) { project(x.tanh().sigmoid().exp().log()) }
    }
}
