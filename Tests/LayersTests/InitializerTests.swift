import Autodiff
import COpenBLAS
import Foundation
@testable import Layers
import TestSupport
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
    /// OpenBLAS's thread count is one setting per process, which any earlier product in this test
    /// process has already made 1, so the check runs in a child test process whose first OpenBLAS
    /// call is the initializer's.
    func testOrthogonalInitializerRunsOpenBLASOnTheCallingThread() throws {
        try XCTSkipIf(ProcessInfo.processInfo.activeProcessorCount < 2,
                      "one core: OpenBLAS starts on the calling thread whether or not it is told to")
        var environment = ProcessInfo.processInfo.environment
        // Nothing may tell the child's OpenBLAS its thread count but the initializer.
        for name in ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"] { environment[name] = nil }
        environment[Self.freshProcessVariable] = "1"
        try assertPassesInAFreshProcess("\(String(reflecting: Self.self))/testOrthogonalAsTheFirstOpenBLASCallOfAProcessConfinesOpenBLAS",
                                        environment: environment,
                                        skipping: "the child test process is started through /proc/self/exe")
    }

    /// Run by the test above in a fresh process, where OpenBLAS still has one thread per core.
    func testOrthogonalAsTheFirstOpenBLASCallOfAProcessConfinesOpenBLAS() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment[Self.freshProcessVariable] == nil,
                      "needs a process without an earlier OpenBLAS call: testOrthogonalInitializerRunsOpenBLASOnTheCallingThread starts one")
        XCTAssertGreaterThan(openblas_get_num_threads(), 1, "OpenBLAS was confined before the initializer ran")
        var generator = SeededGenerator(seed: 2)
        _ = Initializer.orthogonal(8, using: &generator)
        XCTAssertEqual(openblas_get_num_threads(), 1, "OpenBLAS threads after the orthogonal initializer")
    }

    private static let freshProcessVariable = "NMT_TEST_FRESH_OPENBLAS"

    func testXavierUniformStaysWithinItsLimit() {
        var generator = SeededGenerator(seed: 1)
        let w = Initializer.xavierUniform([30, 50], using: &generator)
        let limit = (6.0 / 80.0).squareRoot()
        XCTAssertLessThanOrEqual(w.values.map { abs(Double($0)) }.max()!, limit)
        XCTAssertGreaterThan(w.values.map { abs(Double($0)) }.max()!, 0.9 * limit)
        XCTAssertTrue(w.requiresGrad)
    }

    /// A generator that does not draw parameters gets zeros of every initializer's shape, and
    /// leaves its own state where it was (nothing was drawn).
    func testAGeneratorThatDrawsNoParametersGetsZeros() {
        var generator = SeededGenerator(seed: 5)
        generator.drawsParameters = false
        let before = generator.stateWords
        let tensors = [Initializer.xavierUniform([3, 4], using: &generator), Initializer.normal([5], std: 2, using: &generator),
                       Initializer.orthogonalBlocks(size: 4, blocks: 4, using: &generator)]
        XCTAssertEqual(tensors.map(\.shape), [[3, 4], [5], [4, 16]])
        for tensor in tensors {
            XCTAssertEqual(tensor.values, [Float](repeating: 0, count: tensor.count))
            XCTAssertTrue(tensor.requiresGrad)
        }
        XCTAssertEqual(generator.stateWords, before)
    }
}
