import Foundation
import Training

/// An executable built beside the test bundle (`nmt`, `nmt-serve`), run as a user runs it.
public struct BuiltExecutable: Sendable {
    public static let nmt = BuiltExecutable(name: "nmt")

    public let url: URL

    public init(name: String) {
        // On Linux the bundle is the build folder itself; on macOS it is a .xctest inside it.
        var folder = Bundle(for: BundleLocator.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        url = folder.appendingPathComponent(name)
    }

    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var error: String
        /// True when the process ended by a signal (a crash), not by exit().
        public var signalled: Bool
    }

    /// Runs the executable with `arguments` to its end. Standard input is `input` (or the file
    /// `standardInputPath`, or empty); standard output goes to a pipe unless `standardOutputPath`
    /// names a file such as /dev/full; `environment` replaces the inherited one when given.
    public func run(_ arguments: [String], input: String? = nil, standardInputPath: String? = nil,
                    standardOutputPath: String? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        if let standardOutputPath {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutputPath))
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        if let standardInputPath {
            let descriptor = open(standardInputPath, O_RDONLY)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
            process.standardInput = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            process.standardInput = inPipe
        }
        try process.run()
        if standardInputPath == nil {
            if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
            try inPipe.fileHandleForWriting.close()
        }
        // Both pipes are read to the end at once: a full stderr pipe must not stall stdout.
        let error = ReadToEnd(err.fileHandleForReading)
        let output = standardOutputPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: error.wait(), signalled: process.terminationReason == .uncaughtSignal)
    }
}

private final class BundleLocator {}

/// A pipe read to its end on another thread.
private final class ReadToEnd: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
