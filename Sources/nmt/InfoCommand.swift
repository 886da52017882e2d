import ArgumentParser
import Autodiff
import Files
import Foundation
import Translation

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the versions, cores, memory and BLAS kernel this machine runs nmt with.")

    func run() throws {
        let process = ProcessInfo.processInfo
        let rows: [(String, String)] = [
            ("nmt", NMTVersion.current),
            ("OpenBLAS", BLASKernel.libraryConfiguration),
            ("BLAS kernel", BLASKernel.summary),
            ("int8 kernel", "\(Int8Product.Path.best) (int8 checkpoints from nmt quantize)"),
            ("bf16 kernel", BFloat16GEMM.isSupported ? "AVX-512 BF16 (training.precision: bf16; translate, evaluate, serve --precision bf16)"
                : "none: this CPU has no AVX-512 BF16, training.precision: bf16 trains in fp32 and --precision bf16 decodes in float32"),
            ("CPU", "\(cpuModel() ?? "unknown"); features: \(CPUFeatures.current)"),
            ("cores", "\(process.activeProcessorCount) active of \(process.processorCount); training splits each batch across \(Parallel.cores) worker threads"),
            ("memory", String(format: "%.1f GiB", Double(process.physicalMemory) / 1_073_741_824)),
            ("system", process.operatingSystemVersionString),
        ]
        let lines = rows.map { label, value in (label + ":").padding(toLength: 13, withPad: " ", startingAt: 0) + value }
        let output = LineWriter.standardOutput()
        for line in lines { try output.write(line) }
        try output.flush()
    }

    private func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":")
        else { return nil }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
