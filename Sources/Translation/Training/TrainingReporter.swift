import Foundation

/// Where training talks: a progress bar on a terminal, plain log lines elsewhere, and one JSON
/// object per log step and per validation in `metrics.jsonl`.
public final class TrainingReporter {
    private let metrics: FileHandle?
    private let interactive: Bool
    private var barShown = false
    public var quiet = false

    /// metricsPath nil: no metrics file.
    public init(metricsPath: String?, interactive: Bool = isatty(STDERR_FILENO) == 1) throws {
        if let metricsPath {
            if !FileManager.default.fileExists(atPath: metricsPath) {
                FileManager.default.createFile(atPath: metricsPath, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: metricsPath) else {
                throw TrainingError.io("cannot write the metrics file \(metricsPath)")
            }
            handle.seekToEndOfFile()
            metrics = handle
        } else {
            metrics = nil
        }
        self.interactive = interactive
    }

    /// A line for the user (stderr).
    public func log(_ line: String) {
        guard !quiet else { return }
        clearBar()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A metrics record (one JSON line).
    public func record(_ fields: [String: Any]) {
        guard let metrics, let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        metrics.write(data + Data("\n".utf8))
    }

    /// The progress bar line (terminal only): `epoch 2 [=====>    ] 412/907 loss 3.21 2310 tok/s 4m left`.
    public func progress(epoch: Int, done: Int, total: Int, loss: Double, tokensPerSecond: Double, secondsLeft: Double?) {
        guard interactive, !quiet else { return }
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : 0
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(0, width - filled - 1))
        let left = secondsLeft.map { " \(Self.duration($0)) left" } ?? ""
        let line = String(format: "\repoch %d [%@] %d/%d loss %.3f %.0f tok/s%@\u{1B}[K", epoch, bar, done, total, loss, tokensPerSecond, left)
        FileHandle.standardError.write(Data(line.utf8))
        barShown = true
    }

    private func clearBar() {
        if barShown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            barShown = false
        }
    }

    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s)s"
    }
}

/// A failure while training that is not the configuration's fault (exit status 1).
public enum TrainingError: Error, CustomStringConvertible {
    case io(String)
    case diverged(String)

    public var description: String {
        switch self {
        case .io(let message), .diverged(let message): return message
        }
    }
}
