import Autodiff
import Foundation

/// What a reader needs to judge a figure: the load the machine was under and the BLAS used.
enum Machine {
    /// The 1-, 5- and 15-minute load averages from /proc/loadavg ("?" elsewhere).
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var buildConfiguration: String {
        #if DEBUG
        return "DEBUG BUILD (figures meaningless: build with -c release)"
        #else
        return "release build"
        #endif
    }

    static var summary: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return "\(cores) cores; \(BLASKernel.libraryConfiguration); BLAS kernel: \(BLASKernel.summary)"
    }
}
