import Files
import Foundation

/// Where training talks: a progress bar on a terminal, plain log lines elsewhere, and one JSON
/// object per log step and per validation in `metrics.jsonl`.
public final class TrainingReporter {
    /// Open for appending: a resumed run adds its records after those of the runs before it,
    /// and each record is one write at the end of the file.
    private var metrics: POSIXFile?
    private let interactive: Bool
    private var barShown = false
    public var quiet = false

    /// metricsPath nil: no metrics file until `openMetrics(at:)`.
    public init(metricsPath: String?, interactive: Bool = isatty(STDERR_FILENO) == 1) throws {
        self.interactive = interactive
        if let metricsPath { try openMetrics(at: metricsPath) }
    }

    deinit { closeMetrics() }

    /// Appends metrics records to `path` from now on (creating it if needed). A torn last line,
    /// left by a run killed mid-write, is cut off first (and said so), so that the file keeps
    /// whole lines only.
    public func openMetrics(at path: String) throws {
        closeMetrics()
        do {
            let removed = try TornLastLine.remove(from: path)
            if removed > 0 { log("\(path): removed a torn last line of \(removed) bytes, left by an interrupted run") }
            metrics = try POSIXFile.openForAppending(path)
        } catch let failure as POSIXFile.Failure {
            throw TrainingError.io("cannot write the metrics file \(path): \(failure.reason)")
        }
    }

    /// Every record was written when it was made, so a close error loses none.
    public func closeMetrics() {
        try? metrics?.close()
        metrics = nil
    }

    /// A line for the user (stderr).
    public func log(_ line: String) {
        guard !quiet else { return }
        clearBar()
        Self.writeToStandardError(line + "\n")
    }

    /// A metrics record (one JSON line). A failed write (a full disk) stops training rather than
    /// leaving a metrics log with holes.
    public func record(_ fields: [String: Any]) throws {
        guard let metrics, let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        do {
            try (data + Data("\n".utf8)).withUnsafeBytes { try metrics.write($0) }
        } catch let failure as POSIXFile.Failure {
            throw TrainingError.io("cannot write the metrics file: \(failure.reason)")
        }
    }

    /// The progress bar line (terminal only): `epoch 2 [=====>    ] 412/907 loss 3.21 2310 tok/s 4m left`.
    public func progress(epoch: Int, done: Int, total: Int, loss: Double, tokensPerSecond: Double, secondsLeft: Double?) {
        guard interactive, !quiet else { return }
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : 0
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let left = secondsLeft.map { " \(Self.duration($0)) left" } ?? ""
        let line = String(format: "\repoch %d [%@] %d/%d loss %.3f %.0f tok/s%@\u{1B}[K", epoch, bar, done, total, loss, tokensPerSecond, left)
        Self.writeToStandardError(line)
        barShown = true
    }

    /// A status line that the next one replaces (terminal only), such as preparation's progress.
    public func status(_ text: String) {
        guard interactive, !quiet else { return }
        Self.writeToStandardError("\r" + text + "\u{1B}[K")
        barShown = true
    }

    /// Whether `status` shows anything: else a caller logs its progress as lines, now and then.
    public var showsStatus: Bool { interactive && !quiet }

    private func clearBar() {
        if barShown {
            Self.writeToStandardError("\r\u{1B}[K")
            barShown = false
        }
    }

    /// With the C `write`: FileHandle traps when standard error fails (`2>/dev/full`), and a
    /// message nobody can read is no reason to stop training.
    private static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress!, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s)s"
    }
}
