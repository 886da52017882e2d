import Autodiff
import COpenBLAS
@testable import Layers
import XCTest

final class InitializerTests: XCTestCase {
    func testOrthogonalMatrixHasOrthonormalColumns() {
        var generator = SeededGenerator(seed: 4)
        let n = 16
        let q = Initializer.orthogonal(n, using: &generator)
        for i in 0..<n {
            for j in 0..<n {
                var dot: Float = 0
                for r in 0..<n { dot += q[r * n + i] * q[r * n + j] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
            }
        }
    }

    /// LAPACK run with OpenBLAS's own threads rounds differently: a model built before the
    /// process's first product started from other weights than the same model built after it.
    func testOrthogonalInitializerRunsOpenBLASOnTheCallingThread() {
        var generator = SeededGenerator(seed: 2)
        _ = Initializer.orthogonal(8, using: &generator)
        XCTAssertEqual(openblas_get_num_threads(), 1)
    }

    func testXavierUniformStaysWithinItsLimit() {
        var generator = SeededGenerator(seed: 1)
        let w = Initializer.xavierUniform([30, 50], using: &generator)
        let limit = (6.0 / 80.0).squareRoot()
        XCTAssertLessThanOrEqual(w.values.map { abs(Double($0)) }.max()!, limit)
        XCTAssertGreaterThan(w.values.map { abs(Double($0)) }.max()!, 0.9 * limit)
        XCTAssertTrue(w.requiresGrad)
    }
}
