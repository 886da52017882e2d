import Foundation

/// The executables built beside this test bundle (`nmt`, and the `nmt-serve` it runs).
enum BuiltExecutable {
    static func url(_ name: String) -> URL {
        // On Linux the bundle is the build folder itself; on macOS it is a .xctest inside it.
        var folder = Bundle(for: BundleLocator.self).bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent(name)
    }

    static var nmt: URL { url("nmt") }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs `nmt arguments` with `input` on standard input, to the end.
    static func runNMT(_ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = nmt
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes to the end concurrently: a full stderr pipe must not stall stdout.
        let errorText = ReadToEnd(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      error: errorText.wait())
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
