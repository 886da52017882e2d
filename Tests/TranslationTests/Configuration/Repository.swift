import Foundation

/// The repository root, found from this file's path (Tests/TranslationTests/Configuration/).
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
}
