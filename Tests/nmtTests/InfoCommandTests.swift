import Foundation
import XCTest

/// `nmt info` names the BLAS kernel in use and why.
final class InfoCommandTests: XCTestCase {
    func testNamesTheKernelAndTheReason() throws {
        let result = try NMTExecutable.run(["info"])
        XCTAssertEqual(result.status, 0, result.error)
        let labels = result.output.split(separator: "\n").map { $0.prefix { $0 != ":" } }
        XCTAssertEqual(labels, ["nmt", "OpenBLAS", "BLAS kernel", "CPU", "cores", "memory", "system"])
        let kernel = try XCTUnwrap(result.output.split(separator: "\n").first { $0.hasPrefix("BLAS kernel:") })
        XCTAssertTrue(kernel.contains(" (") && kernel.contains("thread"), String(kernel))
    }

    /// A kernel the user chose is kept, even a generic one, and said to be the user's.
    func testUserSettingWinsAndIsNamed() throws {
        setenv("OPENBLAS_CORETYPE", "Prescott", 1)
        defer { unsetenv("OPENBLAS_CORETYPE") }
        let result = try NMTExecutable.run(["info"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("BLAS kernel: Prescott (OPENBLAS_CORETYPE=Prescott set in the environment)"), result.output)
    }
}
