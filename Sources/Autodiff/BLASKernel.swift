/// Which OpenBLAS kernels a process should run, decided from what OpenBLAS picked when it loaded,
/// what the CPU supports and what the user asked for.
///
/// OpenBLAS (built with DYNAMIC_ARCH, as Debian's is) chooses its kernels once, at load time,
/// from the CPU models it knows. A CPU newer than the library is taken for a generic core and
/// runs SSE3 kernels about 4× slower than the AVX2 or AVX-512 ones it could run. The only remedy
/// is `OPENBLAS_CORETYPE`, read when the library loads: see `BLASKernel.ensureSupportedKernel()`.
/// The same remedy serves a CPU the library knows but serves less well than it could: AMD Zen 4,
/// taken for Cooperlake (Intel's AVX-512 kernels), runs OpenBLAS's AVX2 Haswell sgemm faster.
public enum BLASKernel {
    /// The variable OpenBLAS reads at load time.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// OpenBLAS core names whose kernels use no AVX2: what it reports for a CPU it does not know
    /// (compared case-insensitively; `openblas_get_corename()` spells them e.g. "Prescott").
    public static let genericCores: Set<String> = [
        "generic", "katmai", "coppermine", "northwood", "prescott", "banias", "core2", "penryn",
        "dunnington", "nehalem", "atom", "sandybridge", "athlon", "opteron", "opteron_sse3",
        "barcelona", "bobcat", "bulldozer", "piledriver", "steamroller",
    ]

    /// The decision: `core` is the OPENBLAS_CORETYPE to run with (nil: keep what is loaded).
    public struct Choice: Equatable, Sendable {
        public var core: String?
        public var reason: String
    }

    /// - Parameters:
    ///   - reportedCore: `openblas_get_corename()` of the library as loaded.
    ///   - features: what the CPU and the OS support.
    ///   - userSetting: OPENBLAS_CORETYPE in the environment, if any; a value the user set wins.
    public static func choose(reportedCore: String, features: CPUFeatures, userSetting: String?) -> Choice {
        if let userSetting, !userSetting.isEmpty {
            return Choice(core: nil, reason: "\(coreTypeVariable)=\(userSetting) set in the environment")
        }
        if reportedCore.lowercased() == "cooperlake", features.amd, features.family == 25 {
            return Choice(core: "Haswell", reason: "OpenBLAS took this AMD family-25 CPU (Zen 4) for Cooperlake, but its "
                          + "AVX-512 runs on 256-bit halves, where the Haswell sgemm is faster")
        }
        guard genericCores.contains(reportedCore.lowercased()) else {
            return Choice(core: nil, reason: "OpenBLAS's own choice for this CPU")
        }
        if features.avx512f {
            return Choice(core: "SkylakeX", reason: "OpenBLAS took this CPU for \(reportedCore), but it has AVX-512F")
        }
        if features.avx2 && features.fma {
            return Choice(core: "Haswell", reason: "OpenBLAS took this CPU for \(reportedCore), but it has AVX2 and FMA")
        }
        return Choice(core: nil, reason: "OpenBLAS's own choice: the CPU has neither AVX2+FMA nor AVX-512F")
    }
}

/// The x86 vector extensions that decide the OpenBLAS kernel (all false elsewhere).
public struct CPUFeatures: Equatable, Sendable, CustomStringConvertible {
    public var avx2: Bool
    public var fma: Bool
    public var avx512f: Bool
    /// An AMD CPU, and its display family from cpuid (AMD Zen 3 and Zen 4: 25; 0 where unknown).
    public var amd: Bool
    public var family: Int

    public init(avx2: Bool, fma: Bool, avx512f: Bool, amd: Bool = false, family: Int = 0) {
        self.avx2 = avx2
        self.fma = fma
        self.avx512f = avx512f
        self.amd = amd
        self.family = family
    }

    public var description: String {
        let names = [(avx2, "AVX2"), (fma, "FMA"), (avx512f, "AVX-512F")].filter(\.0).map(\.1)
        let vendor = amd ? "AMD family \(family); " : family > 0 ? "family \(family); " : ""
        return vendor + (names.isEmpty ? "none of AVX2, FMA, AVX-512F" : names.joined(separator: ", "))
    }
}
