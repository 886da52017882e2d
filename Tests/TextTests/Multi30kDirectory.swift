import Foundation
import XCTest

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
