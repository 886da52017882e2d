import Foundation
import XCTest

/// A fresh directory under the system temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "nmt-text-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    @discardableResult
    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        try file(name, bytes: Array(text.utf8))
    }
}

/// The shared Multi30k copy (`../shared/corpora/multi30k` from the repository root, or
/// `$NMT_MULTI30K`); tests that need it skip when it is missing.
func multi30kDirectory() throws -> String {
    if let path = ProcessInfo.processInfo.environment["NMT_MULTI30K"] { return path }
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("../shared/corpora/multi30k").standardized.path
    guard FileManager.default.fileExists(atPath: path + "/tok/val.en") else {
        throw XCTSkip("Multi30k not found at \(path)")
    }
    return path
}
