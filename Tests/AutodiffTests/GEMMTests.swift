import COpenBLAS
import XCTest
@testable import Autodiff

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

    /// `singleThreaded` gives the same product and restores OpenBLAS's thread count.
    func testSingleThreadedRestoresThreadCount() {
        var generator = SeededGenerator(seed: 161)
        let (m, n, k) = (67, 45, 129)
        let a = (0..<(m * k)).map { _ in generator.nextUniform() }, b = (0..<(k * n)).map { _ in generator.nextUniform() }
        var shared = [Float](repeating: 0, count: m * n), single = shared
        GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &shared, m: m, n: n, k: k)
        let before = openblas_get_num_threads()
        let inside = GEMM.singleThreaded { () -> Int32 in
            GEMM.multiply(a, transposeA: false, b, transposeB: false, into: &single, m: m, n: n, k: k)
            return openblas_get_num_threads()
        }
        XCTAssertEqual(inside, 1)
        XCTAssertEqual(openblas_get_num_threads(), before)
        assertClose(single, shared, accuracy: 1e-4)
    }
}
