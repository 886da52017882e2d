import Foundation
import TestSupport
import XCTest

/// `nmt info` names the BLAS kernel in use and why.
final class InfoCommandTests: XCTestCase {
    func testNamesTheKernelAndTheReason() throws {
        let result = try BuiltExecutable.nmt.run(["info"])
        XCTAssertEqual(result.status, 0, result.error)
        let labels = result.output.split(separator: "\n").map { $0.prefix { $0 != ":" } }
        XCTAssertEqual(labels, ["nmt", "OpenBLAS", "BLAS kernel", "int8 kernel", "bf16 kernel", "CPU", "cores", "memory", "system"])
        let kernel = try XCTUnwrap(result.output.split(separator: "\n").first { $0.hasPrefix("BLAS kernel:") })
        XCTAssertTrue(kernel.contains(" (") && kernel.contains("thread"), String(kernel))
        let int8 = try XCTUnwrap(result.output.split(separator: "\n").first { $0.hasPrefix("int8 kernel:") })
        XCTAssertTrue(["AVX-512 VNNI", "AVX2", "scalar"].contains { int8.hasPrefix("int8 kernel: \($0) (") }, String(int8))
        let bf16 = try XCTUnwrap(result.output.split(separator: "\n").first { $0.hasPrefix("bf16 kernel:") })
        let hasBF16 = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" avx512_bf16") ?? false
        XCTAssertTrue(bf16.hasPrefix(hasBF16 ? "bf16 kernel: AVX-512 BF16 (" : "bf16 kernel: none: "), String(bf16))
    }

    /// A kernel the user chose is kept, even a generic one, and said to be the user's.
    func testUserSettingWinsAndIsNamed() throws {
        setenv("OPENBLAS_CORETYPE", "Prescott", 1)
        defer { unsetenv("OPENBLAS_CORETYPE") }
        let result = try BuiltExecutable.nmt.run(["info"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("BLAS kernel: Prescott (OPENBLAS_CORETYPE=Prescott set in the environment)"), result.output)
    }

    /// The restart path, on any CPU with AVX2+FMA or AVX-512F: with OpenBLAS made to look as if it
    /// had taken the CPU for a generic core, `nmt` restarts itself with OPENBLAS_CORETYPE set and
    /// says why; OpenBLAS really loads the chosen kernel.
    func testGenericCoreIsReplacedByTheKernelTheCPUSupports() throws {
        let userSetting = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        unsetenv("OPENBLAS_CORETYPE")
        setenv("NMT_TEST_REPORTED_BLAS_CORE", "Prescott", 1)
        defer {
            unsetenv("NMT_TEST_REPORTED_BLAS_CORE")
            if let userSetting { setenv("OPENBLAS_CORETYPE", userSetting, 1) }
        }
        let result = try BuiltExecutable.nmt.run(["info"])
        XCTAssertEqual(result.status, 0, result.error)
        let cpu = try XCTUnwrap(result.output.split(separator: "\n").first { $0.hasPrefix("CPU:") })
        let expected = cpu.contains("AVX-512F") ? "SkylakeX" : cpu.contains("AVX2") && cpu.contains("FMA") ? "Haswell" : nil
        guard let expected else { throw XCTSkip("this CPU has neither AVX-512F nor AVX2+FMA: nothing to replace") }
        XCTAssertTrue(result.output.contains("BLAS kernel: \(expected) (set by nmt: OpenBLAS took this CPU for Prescott, but it has"),
                      result.output)
    }
}
