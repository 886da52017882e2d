@testable import Autodiff
import COpenBLAS
import TestSupport
import XCTest

final class GEMMTests: XCTestCase {
    /// alpha and beta: C = 2·A·B + 1·C.
    func testAlphaBeta() {
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c: [Float] = [1, 1, 1, 1]
        GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &c, m: 2, n: 2, k: 2, alpha: 2, beta: 1)
        XCTAssertEqual(c, [39, 45, 87, 101])  // 2·[19 22; 43 50] + 1
    }

    /// Leading dimensions: a 2×2 block taken out of wider matrices and written into a wider one.
    func testLeadingDimensions() {
        let a: [Float] = [1, 2, 99, 3, 4, 99]        // [[1 2] [3 4]] with row stride 3
        let b: [Float] = [5, 6, 99, 99, 7, 8, 99, 99] // [[5 6] [7 8]] with row stride 4
        var c = [Float](repeating: -1, count: 6)      // row stride 3: the third column stays −1
        GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &c, m: 2, n: 2, k: 2, lda: 3, ldb: 4, ldc: 3)
        XCTAssertEqual(c, [19, 22, -1, 43, 50, -1])
    }

    /// k = 0: an empty sum, C = beta·C.
    func testEmptyInnerDimension() {
        let empty: [Float] = [0]
        var c: [Float] = [1, 2, 3, 4]
        GEMM.multiply(empty, transposeA: false, empty, transposeB: false, into: &c, m: 2, n: 2, k: 0, beta: 0.5)
        XCTAssertEqual(c, [0.5, 1, 1.5, 2])
        GEMM.multiply(empty, transposeA: false, empty, transposeB: false, into: &c, m: 2, n: 2, k: 0)
        XCTAssertEqual(c, [0, 0, 0, 0])
    }

    /// A product split over the cores equals the same product on one core, to rounding (the
    /// kernels block the edges of a smaller product differently), for every transpose and both
    /// split directions (columns when n ≥ m, rows otherwise); OpenBLAS itself stays on the
    /// calling thread.
    func testSplitProductEqualsTheOneCoreProduct() {
        var generator = SeededGenerator(seed: 161)
        for (m, n, k) in [(67, 301, 129), (301, 45, 160)] {
            XCTAssertGreaterThanOrEqual(m * n * k, GEMM.splitThreshold, "large enough to split")
            let a = (0..<(m * k)).map { _ in generator.nextUniform() }, b = (0..<(k * n)).map { _ in generator.nextUniform() }
            let start = (0..<(m * n)).map { _ in generator.nextUniform() }
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                var split = start, single = start
                Parallel.with(cores: 2) {
                    GEMM.multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &split, m: m, n: n, k: k, beta: 0.5)
                }
                Parallel.onOneCore {
                    GEMM.multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &single, m: m, n: n, k: k, beta: 0.5)
                }
                // Entries are sums of ~150 products of U(0, 1) values, about 40: Float32 rounding ~1e-5.
                assertClose(split, single, accuracy: 2e-4, "[\(m), \(n), \(k)] transposes \(transposeA) \(transposeB)")
            }
        }
        XCTAssertEqual(openblas_get_num_threads(), 1)
    }
}
