@testable import Autodiff
import TestSupport
import XCTest

final class DeferredWeightGradientTests: XCTestCase {

    /// A three-step recurrence h_t = tanh(base_t + x_t·W_x + h_{t−1}·W_h) whose weight gradients
    /// are deferred: every input and both weights against central differences.
    func testRecurrenceGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 150)
        let (b, k, n, steps) = (2, 3, 4, 3)
        let wx = uniformTensor([k, n], &generator), wh = uniformTensor([n, n], &generator)
        let xs = (0..<steps).map { _ in uniformTensor([b, k], &generator) }
        let bases = uniformTensor([steps * b, n], &generator), h0 = uniformTensor([b, n], &generator)
        let project = Projection([steps * b, n], seed: 151)
        assertGradientsMatch([wx, wh, bases, h0] + xs, bound: 1e-3) {
            let deferred = DeferredWeightGradient.make(weights: [wx, wh], rows: b, steps: steps)
            XCTAssertEqual(deferred == nil, wx.tape == nil, "an accumulator exactly when the weights are on a tape")
            var h = h0, outputs: [Tensor] = []
            for t in 0..<steps {
                h = Tensor.affine([(xs[t], wx), (h, wh)], base: bases.sliceRows((t * b)..<((t + 1) * b)),
                                  deferring: deferred, step: t).tanh()
                outputs.append(h)
            }
            return project(Tensor.stackRows(outputs))
        }
    }

    /// The deferred form gives the same values and gradients as per-step `affine` (to rounding:
    /// its steps multiply by packed copies of W, summing in another order than OpenBLAS, and one
    /// GEMM sums the steps' weight gradients in another order).
    func testSameGradientsAsPerStepAffine() {
        var generator = SeededGenerator(seed: 152)
        let (b, n, steps) = (3, 5, 4)
        let w = uniformTensor([n, n], &generator), h0 = uniformTensor([b, n], &generator)
        let bases = uniformTensor([steps * b, n], &generator)
        let tape = Tape()
        tape.watch([w])
        let project = Projection([b, n], seed: 153)
        func run(deferring: Bool) -> (value: Float, gradient: [Float]) {
            let deferred = deferring ? DeferredWeightGradient.make(weights: [w], rows: b, steps: steps) : nil
            var h = h0
            for t in 0..<steps {
                h = Tensor.affine([(h, w)], base: bases.sliceRows((t * b)..<((t + 1) * b)), deferring: deferred, step: t).tanh()
            }
            let loss = project(h)
            tape.backward(from: loss)
            defer { w.zeroGrad() }
            return (loss.scalar, w.gradient!)
        }
        let perStep = run(deferring: false), deferred = run(deferring: true)
        XCTAssertEqual(perStep.value, deferred.value, accuracy: 1e-5)
        for (a, e) in zip(deferred.gradient, perStep.gradient) { XCTAssertEqual(a, e, accuracy: 1e-5) }
    }

    /// A step whose output receives no gradient contributes nothing (its rows of G are zero),
    /// and inference creates no accumulator.
    func testStepsWithoutGradientAndInference() {
        var generator = SeededGenerator(seed: 154)
        let w = uniformTensor([2, 2], &generator)
        XCTAssertNil(DeferredWeightGradient.make(weights: [w], rows: 1, steps: 2), "inference")
        let tape = Tape()
        tape.watch([w])
        let deferred = DeferredWeightGradient.make(weights: [w], rows: 1, steps: 2)
        let x = Tensor(shape: [1, 2], values: [1, 2]), base = Tensor(zeros: [1, 2])
        let used = Tensor.affine([(x, w)], base: base, deferring: deferred, step: 0)
        _ = Tensor.affine([(x, w)], base: base, deferring: deferred, step: 1)  // never reaches the loss
        tape.backward(from: used.sum())
        XCTAssertEqual(w.gradient!, [1, 1, 2, 2])  // dW = xᵀ·[1 1]
    }

    /// Under a tape each step of fewer than `rowLimit` rows multiplies by the weights packed once
    /// for the pass: y = base + x·W and dx = G·Wᵀ are exactly the packed kernels' results
    /// (`PackedProduct`), W read both ways.
    func testStepsMultiplyByTheWeightsPackedBothWays() {
        var generator = SeededGenerator(seed: 155)
        let (b, k, n) = (7, 20, 70)
        let w = uniformTensor([k, n], &generator), x = uniformTensor([b, k], &generator)
        let base = uniformTensor([b, n], &generator), upstream = uniformTensor([b, n], &generator)
        let tape = Tape()
        tape.watch([w, x])
        let deferred = DeferredWeightGradient.make(weights: [w], rows: b, steps: 1)
        let y = Tensor.affine([(x, w)], base: base, deferring: deferred, step: 0)
        var expected = base.values
        expected.withUnsafeMutableBufferPointer {
            PackedProduct.multiply(x, by: PackedWeight(packing: w, units: .columns), into: $0.baseAddress!, accumulate: true)
        }
        XCTAssertEqual(y.values, expected)
        tape.backward(from: (y * upstream).sum())
        var dx = [Float](repeating: 0, count: b * k)
        dx.withUnsafeMutableBufferPointer {
            PackedProduct.multiply(upstream.data, rows: b, by: PackedWeight(packing: w, units: .rows), into: $0.baseAddress!, accumulate: false)
        }
        XCTAssertEqual(x.gradient, dx)
        XCTAssertNil(DeferredWeightGradient.make(weights: [w], rows: PackedProduct.rowLimit, steps: 1)?.forward,
                     "from the row limit on, the steps multiply through OpenBLAS")
    }

    /// In a thread whose products run in bf16 the weights are packed once in bf16, also for steps
    /// of `rowLimit` rows or more: y = base + x·W and dx = G·Wᵀ are exactly the packed bf16
    /// kernel's products (`PackedProduct` on a bf16 `PackedWeight`), W read both ways.
    func testInBFloat16TheStepsMultiplyByWeightsPackedInBFloat16() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
        var generator = SeededGenerator(seed: 156)
        for b in [7, PackedProduct.rowLimit + 3] {
            let (k, n) = (21, 70)
            let w = uniformTensor([k, n], &generator), x = uniformTensor([b, k], &generator)
            let base = uniformTensor([b, n], &generator), upstream = uniformTensor([b, n], &generator)
            try ProductPrecision.with(.bfloat16) {
                let tape = Tape()
                tape.watch([w, x])
                let deferred = try XCTUnwrap(DeferredWeightGradient.make(weights: [w], rows: b, steps: 1))
                XCTAssertEqual(deferred.forward?.map(\.precision), [.bfloat16])
                XCTAssertEqual(deferred.backward?.map(\.precision), [.bfloat16])
                let y = Tensor.affine([(x, w)], base: base, deferring: deferred, step: 0)
                var expected = base.values
                expected.withUnsafeMutableBufferPointer {
                    PackedProduct.bfloat16Reference(x.data, ldx: k, rows: b, weight: w, units: .columns, bias: nil,
                                                    columns: 0..<n, into: $0.baseAddress!, ldy: n, accumulate: true)
                }
                XCTAssertEqual(y.values, expected, "rows \(b)")
                tape.backward(from: (y * upstream).sum())
                var dx = [Float](repeating: .nan, count: b * k)
                dx.withUnsafeMutableBufferPointer {
                    PackedProduct.bfloat16Reference(upstream.data, ldx: n, rows: b, weight: w, units: .rows, bias: nil,
                                                    columns: 0..<k, into: $0.baseAddress!, ldy: k, accumulate: false)
                }
                XCTAssertEqual(x.gradient, dx, "rows \(b)")
            }
        }
    }
}
