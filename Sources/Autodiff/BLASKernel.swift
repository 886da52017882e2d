/// Which OpenBLAS kernels a process should run, decided from what OpenBLAS picked when it loaded,
/// what the CPU supports and what the user asked for.
///
/// OpenBLAS (built with DYNAMIC_ARCH, as Debian's is) chooses its kernels once, at load time,
/// from the CPU models it knows. A CPU newer than the library is taken for a generic core and
/// runs SSE3 kernels about 4× slower than the AVX2 or AVX-512 ones it could run. The only remedy
/// is `OPENBLAS_CORETYPE`, read when the library loads: see `BLASKernel.ensureSupportedKernel()`.
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

    public init(avx2: Bool, fma: Bool, avx512f: Bool) {
        self.avx2 = avx2
        self.fma = fma
        self.avx512f = avx512f
    }

    public var description: String {
        let names = [(avx2, "AVX2"), (fma, "FMA"), (avx512f, "AVX-512F")].filter(\.0).map(\.1)
        return names.isEmpty ? "none of AVX2, FMA, AVX-512F" : names.joined(separator: ", ")
    }
}
