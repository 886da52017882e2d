@testable import Autodiff
import TestSupport
import XCTest

final class MatMulTests: XCTestCase {

    func testSmallProductKnownAnswer() {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], values: [7, 8, 9, 10, 11, 12])
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        let c = a.matmul(b)
        XCTAssertEqual(c.shape, [2, 2])
        XCTAssertEqual(c.values, [58, 64, 139, 154])
        // Aᵀ stored as [3, 2] and Bᵀ stored as [2, 3] give the same product.
        let at = Tensor(shape: [3, 2], values: [1, 4, 2, 5, 3, 6])
        let bt = Tensor(shape: [2, 3], values: [7, 9, 11, 8, 10, 12])
        XCTAssertEqual(at.matmul(b, transposeSelf: true).values, [58, 64, 139, 154])
        XCTAssertEqual(a.matmul(bt, transposeOther: true).values, [58, 64, 139, 154])
        XCTAssertEqual(at.matmul(bt, transposeSelf: true, transposeOther: true).values, [58, 64, 139, 154])
    }

    /// dA and dB for op(A)·op(B) in all four transpose combinations; m, k, n all distinct so a
    /// swapped dimension cannot go unnoticed.
    func testGradientAllTransposeCombinations() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: bilinear loss, rounding error only
        let (m, k, n) = (3, 4, 5)
        var generator = SeededGenerator(seed: 1)
        for transposeSelf in [false, true] {
            for transposeOther in [false, true] {
                let a = uniformTensor(transposeSelf ? [k, m] : [m, k], &generator)
                let b = uniformTensor(transposeOther ? [n, k] : [k, n], &generator)
                let project = Projection([m, n], seed: 2)
                assertGradientsMatch([a, b], bound: bound) {
                    project(a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther))
                }
            }
        }
    }

    func testAffineKnownAnswer() {
        let x1 = Tensor(shape: [2, 2], values: [1, 2, 3, 4])
        let w1 = Tensor(shape: [2, 2], values: [1, 0, 0, 1])
        let x2 = Tensor(shape: [2, 1], values: [10, 20])
        let w2 = Tensor(shape: [1, 2], values: [1, 2])
        let bias = Tensor(shape: [2], values: [0.5, -0.5])
        let base = Tensor(shape: [2, 2], values: [100, 200, 300, 400])
        // x1·I + x2·[1 2] + bias + base
        let y = Tensor.affine([(x1, w1), (x2, w2)], bias: bias, base: base)
        XCTAssertEqual(y.values, [111.5, 221.5, 323.5, 443.5])
        XCTAssertEqual(Tensor.affine([(x1, w1), (x2, w2)]).values, [11, 22, 23, 44])
        XCTAssertEqual(Tensor.affine([(x1, w1)], bias: bias).values, [1.5, 1.5, 3.5, 3.5])
        XCTAssertEqual(Tensor.affine([(x1, w1)], base: base).values, [101, 202, 303, 404])
    }

    func testAffineGradientSeveralTermsBiasAndBase() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2: bilinear loss, rounding error only
        var generator = SeededGenerator(seed: 3)
        let x1 = uniformTensor([3, 4], &generator), w1 = uniformTensor([4, 5], &generator)
        let x2 = uniformTensor([3, 2], &generator), w2 = uniformTensor([2, 5], &generator)
        let bias = uniformTensor([5], &generator), base = uniformTensor([3, 5], &generator)
        let project = Projection([3, 5], seed: 4)
        assertGradientsMatch([x1, w1, x2, w2, bias, base], bound: bound) {
            project(Tensor.affine([(x1, w1), (x2, w2)], bias: bias, base: base))
        }
        // Without base and bias the first GEMM overwrites (beta = 0) rather than accumulates.
        assertGradientsMatch([x1, w1, x2, w2], bound: bound) {
            project(Tensor.affine([(x1, w1), (x2, w2)]))
        }
        assertGradientsMatch([x1, w1, bias], bound: bound) {
            project(Tensor.affine([(x1, w1)], bias: bias))
        }
    }

    /// The same weight in two terms (a tied projection) receives both terms' gradients.
    func testAffineSharedWeightAccumulates() {
        let bound: Float = 1e-3  // Float32 central differences, ε = 1e-2 (error ~ε²)
        var generator = SeededGenerator(seed: 5)
        let x1 = uniformTensor([2, 3], &generator), x2 = uniformTensor([2, 3], &generator)
        let w = uniformTensor([3, 4], &generator)
        let project = Projection([2, 4], seed: 6)
        assertGradientsMatch([x1, x2, w], bound: bound) { project(Tensor.affine([(x1, w), (x2, w)])) }
    }
}
