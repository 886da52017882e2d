@testable import Autodiff
import COpenBLAS
import Dispatch
import Foundation
import TestSupport
import XCTest

/// The thread's product precision: scoped and per thread; under `.bfloat16` the products of
/// `matmul` and `affine`, forward and backward, split over cores or not, are the bf16 kernel's
/// (within fp32 summation error of the exact sums of the rounded inputs); outside, the products
/// are OpenBLAS's, bit for bit.
final class ProductPrecisionTests: XCTestCase {
    func testScopedAndRestored() {
        XCTAssertEqual(ProductPrecision.current, .float32, "the default")
        ProductPrecision.with(.bfloat16) {
            XCTAssertEqual(ProductPrecision.current, .bfloat16)
            ProductPrecision.with(.float32) { XCTAssertEqual(ProductPrecision.current, .float32) }
            XCTAssertEqual(ProductPrecision.current, .bfloat16)
        }
        XCTAssertEqual(ProductPrecision.current, .float32)
        XCTAssertEqual(ProductPrecision.with(.bfloat16) { ProductPrecision.effective },
                       BFloat16GEMM.isSupported ? .bfloat16 : .float32)
    }

    /// A precision set on one thread is not seen by another, either way round.
    func testThePrecisionBelongsToTheThread() {
        final class Seen: @unchecked Sendable { var precision: ProductPrecision? }
        let seen = Seen(), done = DispatchSemaphore(value: 0)
        ProductPrecision.with(.bfloat16) {
            Thread { seen.precision = ProductPrecision.current; done.signal() }.start()
            done.wait()
        }
        XCTAssertEqual(seen.precision, .float32, "another thread while this one is in bf16")

        let set = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread {
            ProductPrecision.with(.bfloat16) {
                seen.precision = ProductPrecision.current
                set.signal()
                release.wait()  // still inside the block while the test thread looks
            }
            done.signal()
        }.start()
        set.wait()
        XCTAssertEqual(seen.precision, .bfloat16)
        XCTAssertEqual(ProductPrecision.current, .float32, "this thread while another is in bf16")
        release.signal()
        done.wait()
    }

    /// `matmul` for every transpose: forward and both gradients in bf16 match the rounded-input
    /// sums tightly, differ from float32, and agree with it within bf16's rounding.
    func testMatmulForwardAndBackward() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
        var generator = SeededGenerator(seed: 1620)
        let (m, k, n) = (13, 70, 41)
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let aShape = transposeA ? [k, m] : [m, k], bShape = transposeB ? [n, k] : [k, n]
            let a = uniformTensor(aShape, &generator).values, b = uniformTensor(bShape, &generator).values
            let project = Projection([m, n], seed: 1621)
            func pass() -> [[Float]] {
                let x = Tensor(shape: aShape, values: a), y = Tensor(shape: bShape, values: b)
                let tape = Tape()
                let product = tape.recording([x, y]) { x.matmul(y, transposeSelf: transposeA, transposeOther: transposeB) }
                tape.backward(from: project(product))
                return [product.values, x.gradient!, y.gradient!]
            }
            let float32 = pass()
            let bfloat16 = ProductPrecision.with(.bfloat16) { pass() }
            XCTAssertEqual(pass(), float32, "float32 after a bf16 pass, bit for bit")
            let g = project.weights.values
            let op = { (values: [Float], rows: Int, columns: Int, transposed: Bool) in
                Operand(values: values, rows: rows, columns: columns, transposed: transposed)
            }
            let label = "transposes \(transposeA) \(transposeB)"
            // C = op(A)·op(B); dA and dB as the backward rules form them (G = the projection).
            compare(bfloat16[0], float32[0], op(a, m, k, transposeA), op(b, k, n, transposeB), "C, \(label)")
            let dA = transposeA ? (op(b, k, n, transposeB), op(g, n, m, true)) : (op(g, m, n, false), op(b, n, k, !transposeB))
            compare(bfloat16[1], float32[1], dA.0, dA.1, "dA, \(label)")
            let dB = transposeB ? (op(g, n, m, true), op(a, m, k, transposeA)) : (op(a, k, m, !transposeA), op(g, m, n, false))
            compare(bfloat16[2], float32[2], dB.0, dB.1, "dB, \(label)")
        }
    }

    /// `affine` (x·W + bias) large enough to be split over two cores: the blocks, run on other
    /// threads, use the precision of the thread that asked. The bias gradient is no product and
    /// stays equal.
    func testAffineSplitAcrossCores() throws {
        try XCTSkipUnless(BFloat16GEMM.isSupported, "this CPU has no AVX-512 BF16")
        var generator = SeededGenerator(seed: 1622)
        let (m, k, n) = (64, 300, 200)
        XCTAssertGreaterThanOrEqual(m * n * k, GEMM.splitThreshold)
        let x = uniformTensor([m, k], &generator).values, w = uniformTensor([k, n], &generator).values
        let bias = uniformTensor([n], &generator).values
        let project = Projection([m, n], seed: 1623)
        func pass() -> [[Float]] {
            Parallel.with(cores: 2) {
                let input = Tensor(shape: [m, k], values: x), weight = Tensor(shape: [k, n], values: w)
                let offset = Tensor(shape: [n], values: bias)
                let tape = Tape()
                let y = tape.recording([input, weight, offset]) { Tensor.affine([(input, weight)], bias: offset) }
                let values = y.values
                tape.backward(from: project(y))
                return [values, input.gradient!, weight.gradient!, offset.gradient!]
            }
        }
        let float32 = pass()
        let bfloat16 = ProductPrecision.with(.bfloat16) { pass() }
        XCTAssertEqual(pass(), float32, "float32 after a bf16 pass, bit for bit")
        let g = project.weights.values
        var yMinusBias = bfloat16[0], float32MinusBias = float32[0]
        for i in 0..<(m * n) { yMinusBias[i] -= bias[i % n]; float32MinusBias[i] -= bias[i % n] }
        let tolerance = { (j: Int) in 2 * Double(abs(bias[j % n])) * 0x1p-23 }  // y − bias: one more rounding
        compare(yMinusBias, float32MinusBias, Operand(values: x, rows: m, columns: k, transposed: false),
                Operand(values: w, rows: k, columns: n, transposed: false), "y − bias", extra: tolerance)
        compare(bfloat16[1], float32[1], Operand(values: g, rows: m, columns: n, transposed: false),
                Operand(values: w, rows: n, columns: k, transposed: true), "dx")
        compare(bfloat16[2], float32[2], Operand(values: x, rows: k, columns: m, transposed: true),
                Operand(values: g, rows: m, columns: n, transposed: false), "dW")
        XCTAssertEqual(bfloat16[3], float32[3], "dbias")
    }

    /// Outside any bf16 block `GEMM.multiply` is OpenBLAS's sgemm, bit for bit.
    func testFloat32IsOpenBLAS() {
        var generator = SeededGenerator(seed: 1624)
        let (m, k, n) = (33, 65, 47)
        let a = (0..<(m * k)).map { _ in generator.nextUniform() }, b = (0..<(k * n)).map { _ in generator.nextUniform() }
        var viaGEMM = [Float](repeating: 0, count: m * n), viaBLAS = viaGEMM
        ProductPrecision.with(.bfloat16) {
            GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &viaGEMM, m: m, n: n, k: k)
        }
        GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &viaGEMM, m: m, n: n, k: k)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(n),
                    0, &viaBLAS, Int32(n))
        XCTAssertEqual(viaGEMM, viaBLAS)
    }

    // MARK: Helpers

    /// op(values) with op(values)[r][c] = values[transposed ? c · rows + r : r · columns + c].
    struct Operand {
        let values: [Float], rows: Int, columns: Int, transposed: Bool
        subscript(r: Int, c: Int) -> Float { values[transposed ? c * rows + r : r * columns + c] }
    }

    /// `bfloat16` = left · right within fp32 summation error of the exact sums of the bf16-rounded
    /// factors ((k + 1) · 2⁻²³ · Σ|x·y|, plus `extra`); within 2⁻⁷ · Σ|x·y| of `float32` (two
    /// inputs each off by at most 2⁻⁹ of themselves); and not equal to it everywhere.
    private func compare(_ bfloat16: [Float], _ float32: [Float], _ left: Operand, _ right: Operand, _ label: String,
                         extra: (Int) -> Double = { _ in 0 }, file: StaticString = #filePath, line: UInt = #line) {
        let (m, k, n) = (left.rows, left.columns, right.columns)
        precondition(right.rows == k && bfloat16.count == m * n && float32.count == m * n)
        var worst: (index: Int, excess: Double)?
        for i in 0..<m {
            for j in 0..<n {
                var exact = 0.0, magnitude = 0.0
                for p in 0..<k {
                    let product = Double(BFloat16GEMMTests.bfloat16(left[i, p])) * Double(BFloat16GEMMTests.bfloat16(right[p, j]))
                    exact += product
                    magnitude += abs(product)
                }
                let index = i * n + j
                let tight = Double(k + 1) * 0x1p-23 * magnitude + extra(index)
                let excess = abs(Double(bfloat16[index]) - exact) - tight
                if excess > 0, excess > (worst?.excess ?? 0) { worst = (index, excess) }
                XCTAssertLessThanOrEqual(abs(Double(bfloat16[index]) - Double(float32[index])), 0x1p-7 * magnitude + 1e-6,
                                         "\(label) [\(index)] against float32", file: file, line: line)
            }
        }
        XCTAssertNil(worst, "\(label): beyond the bound of the rounded-input sum by \(worst?.excess ?? 0)", file: file, line: line)
        XCTAssert(zip(bfloat16, float32).contains { $0 != $1 }, "\(label): bf16 gave the float32 products", file: file, line: line)
    }
}
