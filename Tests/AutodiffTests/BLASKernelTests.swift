@testable import Autodiff
import Foundation
import TestSupport
import XCTest

final class BLASKernelTests: XCTestCase {
    private let avx512 = CPUFeatures(avx2: true, fma: true, avx512f: true)
    private let avx2 = CPUFeatures(avx2: true, fma: true, avx512f: false)
    private let avx2WithoutFMA = CPUFeatures(avx2: true, fma: false, avx512f: false)
    private let sse = CPUFeatures(avx2: false, fma: false, avx512f: false)
    private let zen3 = CPUFeatures(avx2: true, fma: true, avx512f: false, amd: true, family: 25)
    private let zen4 = CPUFeatures(avx2: true, fma: true, avx512f: true, amd: true, family: 25)
    private let zen5 = CPUFeatures(avx2: true, fma: true, avx512f: true, amd: true, family: 26)

    /// CPU features × reported core → the OPENBLAS_CORETYPE to restart with (nil: keep).
    func testChoiceForEveryFeatureSetAndReportedCore() {
        let cases: [(reported: String, features: CPUFeatures, expected: String?)] = [
            ("Prescott", avx512, "SkylakeX"),
            ("Katmai", avx512, "SkylakeX"),
            ("CORE2", avx512, "SkylakeX"),          // case-insensitive
            ("Nehalem", avx2, "Haswell"),
            ("Sandybridge", avx2, "Haswell"),
            ("Prescott", avx2WithoutFMA, nil),      // Haswell kernels need FMA too
            ("Prescott", sse, nil),                 // an old CPU: OpenBLAS was right
            ("SkylakeX", avx512, nil),              // a CPU OpenBLAS knows
            ("Haswell", avx512, nil),               // OpenBLAS's choice for a known CPU stands
            ("Zen", avx2, nil),
            ("Cooperlake", avx512, nil),            // an Intel Cooper Lake
            ("Cooperlake", zen4, "Haswell"),        // AMD Zen 4: AVX-512 on 256-bit halves
            ("cooperlake", zen4, "Haswell"),
            ("Cooperlake", zen5, nil),              // AMD Zen 5: full-width AVX-512
            ("SkylakeX", zen4, nil),                // only Cooperlake was measured against Haswell
            ("Zen", zen3, nil),
            ("Prescott", zen4, "SkylakeX"),
        ]
        for (reported, features, expected) in cases {
            let choice = BLASKernel.choose(reportedCore: reported, features: features, userSetting: nil)
            XCTAssertEqual(choice.core, expected, "\(reported) with \(features)")
        }
    }

    /// A value the user set always wins, even a generic one on a CPU that could do better.
    func testUserSettingWins() {
        let choice = BLASKernel.choose(reportedCore: "Prescott", features: avx512, userSetting: "Prescott")
        XCTAssertNil(choice.core)
        XCTAssertEqual(choice.reason, "OPENBLAS_CORETYPE=Prescott set in the environment")
        // An empty value is no setting.
        XCTAssertEqual(BLASKernel.choose(reportedCore: "Prescott", features: avx512, userSetting: "").core, "SkylakeX")
    }

    /// The user's setting wins on a Zen 4 too; the reason for Haswell names the CPU and why.
    func testZen4RunsHaswellUnlessTheUserSetAKernel() {
        XCTAssertNil(BLASKernel.choose(reportedCore: "Cooperlake", features: zen4, userSetting: "Cooperlake").core)
        let choice = BLASKernel.choose(reportedCore: "Cooperlake", features: zen4, userSetting: nil)
        XCTAssertEqual(choice.reason, "OpenBLAS took this AMD family-25 CPU (Zen 4) for Cooperlake, but its AVX-512 runs "
                       + "on 256-bit halves, where the Haswell sgemm is faster")
        XCTAssertEqual(zen4.description, "AMD family 25; AVX2, FMA, AVX-512F")
        XCTAssertEqual(sse.description, "none of AVX2, FMA, AVX-512F")
    }

    func testReasonNamesTheReportedCoreAndTheFeature() {
        let choice = BLASKernel.choose(reportedCore: "Prescott", features: avx512, userSetting: nil)
        XCTAssertEqual(choice.reason, "OpenBLAS took this CPU for Prescott, but it has AVX-512F")
        XCTAssertEqual(BLASKernel.choose(reportedCore: "Core2", features: avx2, userSetting: nil).reason,
                       "OpenBLAS took this CPU for Core2, but it has AVX2 and FMA")
    }

    /// sgemm under the kernel `ensureSupportedKernel()` would choose for this machine, against a
    /// Float64 reference. The test process is not restarted, so when the loaded kernel is not the
    /// chosen one, the check runs in a child test process started with OPENBLAS_CORETYPE set.
    func testSgemmUnderTheChosenKernelMatchesFloat64() throws {
        let environment = ProcessInfo.processInfo.environment
        let choice = BLASKernel.choose(reportedCore: BLASKernel.loadedCore, features: .current,
                                       userSetting: environment[BLASKernel.coreTypeVariable])
        guard let core = choice.core else {
            try assertSgemmMatchesFloat64()
            return
        }
        try assertPassesInAFreshProcess("AutodiffTests.BLASKernelTests/testSgemmMatchesFloat64UnderTheLoadedKernel",
                                        environment: environment.merging([BLASKernel.coreTypeVariable: core, "NMT_EXPECT_BLAS_CORE": core]) { $1 },
                                        skipping: "restarting under another kernel needs /proc/self/exe")
    }

    /// Run directly, or by the test above in a child process (which names the core it expects).
    func testSgemmMatchesFloat64UnderTheLoadedKernel() throws {
        if let expected = ProcessInfo.processInfo.environment["NMT_EXPECT_BLAS_CORE"] {
            XCTAssertEqual(BLASKernel.loadedCore.lowercased(), expected.lowercased())
        }
        try assertSgemmMatchesFloat64()
    }

    /// C = A·B and C = Aᵀ·Bᵀ at shapes that exercise the kernel's edge handling (not multiples of
    /// its 16- or 32-wide blocks); every element within a few Float32 ulps of the sum's magnitude.
    private func assertSgemmMatchesFloat64() throws {
        var generator = SeededGenerator(seed: 14)
        for (m, n, k) in [(67, 131, 257), (64, 2048, 512), (1, 7, 3)] {
            let a = (0..<(m * k)).map { _ in generator.nextUniform() * 2 - 1 }
            let b = (0..<(k * n)).map { _ in generator.nextUniform() * 2 - 1 }
            for transposed in [false, true] {
                // Transposed operands: the same logical product from the transposed storage.
                let aStored = transposed ? transpose(a, rows: m, columns: k) : a
                let bStored = transposed ? transpose(b, rows: k, columns: n) : b
                var c = [Float](repeating: .nan, count: m * n)
                GEMM.multiply(aStored, transposeA: transposed, bStored, transposeB: transposed, into: &c, m: m, n: n, k: k)
                for i in 0..<m {
                    for j in 0..<n {
                        var exact = 0.0, magnitude = 0.0
                        for p in 0..<k {
                            let term = Double(a[i * k + p]) * Double(b[p * n + j])
                            exact += term
                            magnitude += abs(term)
                        }
                        let tolerance = 4 * Double(k).squareRoot() * Double(Float.ulpOfOne) * magnitude + 1e-30
                        guard abs(Double(c[i * n + j]) - exact) <= tolerance else {
                            XCTFail("\(BLASKernel.loadedCore): C[\(i),\(j)] of \(m)×\(k)·\(k)×\(n) (transposed: \(transposed)) = \(c[i * n + j]), exact \(exact)")
                            return
                        }
                    }
                }
            }
        }
    }

    private func transpose(_ x: [Float], rows: Int, columns: Int) -> [Float] {
        (0..<(rows * columns)).map { index in x[(index % rows) * columns + index / rows] }
    }
}
