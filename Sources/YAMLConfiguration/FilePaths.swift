import Foundation

/// Lexical path handling for the configuration's data and output paths.
package enum FilePaths {
    package static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") || path.hasPrefix("~") }

    /// `path` as an absolute path with `.` and `..` folded away: `~` is the home directory and a
    /// relative path starts from `baseDirectory` (itself taken from the current directory when
    /// relative). Symbolic links are left alone.
    package static func resolve(_ path: String, against baseDirectory: String) -> String {
        var expanded = path
        if path == "~" || path.hasPrefix("~/") {
            expanded = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
        }
        if !expanded.hasPrefix("/") {
            let base = baseDirectory.hasPrefix("/")
                ? baseDirectory
                : FileManager.default.currentDirectoryPath + "/" + baseDirectory
            expanded = base + "/" + expanded
        }
        var parts: [Substring] = []
        for part in expanded.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` exists and is not a directory.
    package static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    package static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
