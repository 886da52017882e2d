import COpenBLAS
import Foundation

extension CPUFeatures {
    /// What this CPU and operating system support (cpuid and xgetbv, in COpenBLAS's shim).
    public static var current: CPUFeatures {
        let read = nmt_read_cpu_features()
        return CPUFeatures(avx2: read.avx2 != 0, fma: read.fma != 0, avx512f: read.avx512f != 0,
                           amd: read.amd != 0, family: Int(read.family))
    }
}

extension BLASKernel {
    /// Set beside OPENBLAS_CORETYPE when `ensureSupportedKernel()` sets it: "CORE|REASON", so
    /// that the restarted process can say why it runs that kernel.
    static let choiceVariable = "NMT_BLAS_KERNEL_CHOICE"

    /// The kernel OpenBLAS loaded, e.g. "SkylakeX".
    public static var loadedCore: String { String(cString: openblas_get_corename()) }

    /// Test hook: when set (e.g. to "Prescott"), `ensureSupportedKernel()` decides as if OpenBLAS
    /// had loaded that core, so the restart path can be exercised on a CPU OpenBLAS knows.
    static let reportedCoreOverrideVariable = "NMT_TEST_REPORTED_BLAS_CORE"

    /// Makes the process run the kernels that suit its CPU: when OpenBLAS loaded a generic core on
    /// a CPU with AVX2+FMA or AVX-512F, or Cooperlake on an AMD Zen 4 (`choose`), and the user did
    /// not set OPENBLAS_CORETYPE, sets it and restarts the program (same executable, same
    /// arguments) so that OpenBLAS reads it at load.
    /// Call it first thing in `main`, before any BLAS call or thread. Returns when nothing needs
    /// to change, or when the restart is impossible (then the slower kernels run).
    public static func ensureSupportedKernel() {
        let environment = ProcessInfo.processInfo.environment
        let choice = choose(reportedCore: environment[reportedCoreOverrideVariable] ?? loadedCore, features: .current,
                            userSetting: environment[coreTypeVariable])
        guard let core = choice.core else { return }
        #if os(Linux)
        setenv(coreTypeVariable, core, 1)
        setenv(choiceVariable, "\(core)|\(choice.reason)", 1)
        unsetenv(reportedCoreOverrideVariable)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached if the restart failed: undo, so that the report tells the truth.
        unsetenv(coreTypeVariable)
        unsetenv(choiceVariable)
        #endif
    }

    /// One line for logs and `nmt info`: the kernel in use, why, and the threads a product may
    /// use, e.g. "SkylakeX (set by nmt: OpenBLAS took this CPU for Prescott, but it has
    /// AVX-512F); 2 threads (nmt splits each product; OpenBLAS runs on the calling thread)".
    public static var summary: String {
        let threads = Parallel.cores
        return "\(loadedCore) (\(reasonForLoadedCore)); \(threads) thread\(threads == 1 ? "" : "s") "
            + "(nmt splits each product; OpenBLAS runs on the calling thread)"
    }

    /// Why the loaded kernel runs.
    public static var reasonForLoadedCore: String {
        let environment = ProcessInfo.processInfo.environment
        let setting = environment[coreTypeVariable]
        if let setting, let marker = environment[choiceVariable] {
            let parts = marker.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == setting { return "set by nmt: \(parts[1])" }
        }
        let choice = choose(reportedCore: loadedCore, features: .current, userSetting: setting)
        if let core = choice.core { return "\(choice.reason); restarting with \(coreTypeVariable)=\(core) failed" }
        return choice.reason
    }
}

extension BLASKernel {
    /// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64".
    public static var libraryConfiguration: String { String(cString: openblas_get_config()) }
}
