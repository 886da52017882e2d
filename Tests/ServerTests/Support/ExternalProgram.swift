import Foundation

/// A program of the system (python3, curl) run to its end with its output collected.
enum ExternalProgram {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ path: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Standard error on another thread, so that neither pipe can fill and stall the other.
        let error = ErrorOutput()
        DispatchQueue.global().async {
            error.data = err.fileHandleForReading.readDataToEndOfFile()
            error.read.signal()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        error.read.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: String(decoding: error.data, as: UTF8.self))
    }

    /// Written by the reading thread before `read` is signalled, read after.
    private final class ErrorOutput: @unchecked Sendable {
        var data = Data()
        let read = DispatchSemaphore(value: 0)
    }
}
