import Foundation
import TestSupport
import XCTest

/// `nmt serve --checkpoint … --port 0 …` as a child process: started, its port read from the
/// "listening on" line, its standard error kept, stopped with a signal.
final class ServerProcess {
    let process = Process()
    private(set) var port = 0
    private let log = LogBuffer()

    /// Starts the server and waits (up to `timeout` seconds) until it listens.
    init(checkpoint: String, options: [String] = [], timeout: TimeInterval = 60) throws {
        process.executableURL = BuiltExecutable.nmt.url
        process.arguments = ["serve", "--checkpoint", checkpoint, "--host", "127.0.0.1", "--port", "0"] + options
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let log = self.log
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { log.append(data) }
        }
        try process.run()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if let port = Self.listeningPort(in: log.text) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { process.terminate() }
        throw TinyModelError(message: "nmt serve did not start listening: \(log.text)")
    }

    var client: LoopbackHTTP { LoopbackHTTP(port: port) }

    /// Everything the server wrote on standard error so far.
    var errorOutput: String { log.text }

    /// Stops the server's process (SIGSTOP) and returns once the kernel reports it stopped. Until
    /// `resume()` or `stop(with:)`, connections and requests queue in the kernel: requests sent
    /// meanwhile are all waiting together when it runs again, however the clients are scheduled.
    func pause() {
        kill(process.processIdentifier, SIGSTOP)
        while process.isRunning && Self.state(of: process.processIdentifier) != "T" { Thread.sleep(forTimeInterval: 0.001) }
    }

    func resume() { kill(process.processIdentifier, SIGCONT) }

    /// The state letter in /proc/PID/stat ("R", "S", "T" for stopped…).
    private static func state(of pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: end)...].first { $0 != " " }
    }

    /// Sends `signal`, waits for the exit (up to `timeout` seconds) and returns the status, or nil
    /// if the server still runs (it is then killed). A paused server is resumed after the signal,
    /// so that it finds the signal and the queued requests together.
    func stop(with signal: Int32 = SIGTERM, timeout: TimeInterval = 60) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        resume()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        // Let the last log lines arrive.
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on http://127.0.0.1:") else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isNumber }
        guard log[range.upperBound...].dropFirst(digits.count).first == "\n" else { return nil }
        return Int(digits)
    }

    /// "answered N of M accepted requests" from the last log line, as (N, M).
    var shutdownCounts: (answered: Int, accepted: Int)? {
        guard let range = errorOutput.range(of: "stopped; answered ") else { return nil }
        let words = errorOutput[range.upperBound...].split(separator: " ")
        guard words.count >= 3, let answered = Int(words[0]), let accepted = Int(words[2]) else { return nil }
        return (answered, accepted)
    }
}

/// Bytes appended from the pipe's reading thread, read from the test's.
private final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
