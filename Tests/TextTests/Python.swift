import Foundation
import TestSupport
import XCTest

/// `python3 arguments` through /usr/bin/env, to its end: status, standard output and error.
func python(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let directory = try TemporaryDirectory()
    let errorPath = try directory.file("stderr", "")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    // A file, not a second pipe: nothing has to read it while standard output is read.
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text, try String(contentsOfFile: errorPath, encoding: .utf8))
}

/// Skips the test, saying why, when python3 or its module `module` is missing; fails it when
/// python3 is there but cannot even look.
func requirePythonModule(_ module: String, install: String) throws {
    let found = try python(["-c", "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('\(module)') else 3)"])
    switch found.status {
    case 0: return
    case 127: throw XCTSkip("python3 not installed")   // env's status for a command it cannot find
    case 3: throw XCTSkip("\(module) not installed (\(install))")
    default: throw PythonFailure(message: "python3 failed to look for \(module) (status \(found.status)): \(found.error)")
    }
}

/// Python that is there and fails: a test failure, with its standard error.
struct PythonFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
