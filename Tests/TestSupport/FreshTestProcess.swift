import Foundation
import XCTest

extension XCTestCase {
    /// Runs one test of this test bundle, `test` as `Suite/testName`, in a fresh process of the
    /// test executable with `environment`, and asserts that it ran and passed: for checks of
    /// what a process sets once (OpenBLAS's kernel or thread count), which an earlier test in this
    /// process has already set. Linux only (the executable is /proc/self/exe); elsewhere it skips,
    /// giving `reason`.
    package func assertPassesInAFreshProcess(_ test: String, environment: [String: String], skipping reason: String,
                                             file: StaticString = #filePath, line: UInt = #line) throws {
        #if os(Linux)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = [test]
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0, text, file: file, line: line)
        XCTAssertTrue(text.contains("Executed 1 test, with 0 failures"), text, file: file, line: line)
        #else
        throw XCTSkip(reason)
        #endif
    }
}
