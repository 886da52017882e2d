import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
package final class TemporaryDirectory {
    package let path: String

    package init() throws {
        path = try Self.create()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates a fresh directory that nothing removes automatically, for owners that remove it
    /// themselves at a known moment (a value type such as `TrainingFixture` has no `deinit`, and
    /// an object held only by a local may be released before the test's last use of its path).
    package static func create() throws -> String {
        let path = NSTemporaryDirectory() + "nmt-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The full path of `name` inside the directory.
    package func path(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    @discardableResult
    package func file(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    package func file(_ name: String, _ text: String) throws -> String {
        try file(name, bytes: Array(text.utf8))
    }
}
