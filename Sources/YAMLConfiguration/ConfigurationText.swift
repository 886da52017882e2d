import Files
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a configuration file, bounded before Yams sees it: a regular file (a FIFO would
/// block the read forever), at most `maximumBytes`, UTF-8, nested at most
/// `YAMLNesting.maximumDepth` levels.
package enum ConfigurationText {
    /// 1 MB: configurations are a few kilobytes; configs/default.yaml is 9 KB.
    static let maximumBytes = 1_000_000

    package static func read(_ path: String) throws -> String {
        func refuse(_ message: String) -> ConfigurationError { ConfigurationError(.unreadableFile, file: path, message: message) }
        let file: POSIXFile
        do {
            file = try POSIXFile.openForReading(path)
        } catch let failure as POSIXFile.Failure {
            throw refuse(failure.code == ENOENT ? "no such file" : "cannot read the configuration: \(failure.explanation ?? String(cString: strerror(failure.code)))")
        }
        defer { try? file.close() }
        do {
            let size = try file.size()
            guard size <= maximumBytes else {
                throw refuse("the file holds \(size) bytes; a configuration may hold at most \(maximumBytes)")
            }
            var bytes = [UInt8](repeating: 0, count: size)
            let count = try bytes.withUnsafeMutableBytes { try file.read(into: $0) }
            guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
                throw refuse("cannot be read as UTF-8 text")
            }
            return text
        } catch let failure as POSIXFile.Failure {
            throw refuse("cannot read the configuration: \(failure.message)")
        }
    }

    /// Refuses text over `maximumBytes` or nested deeper than `YAMLNesting.maximumDepth`.
    package static func checkShape(_ text: String, file: String) throws {
        let size = text.utf8.count
        guard size <= maximumBytes else {
            throw ConfigurationError(.unreadableFile, file: file,
                                     message: "the text holds \(size) bytes; a configuration may hold at most \(maximumBytes)")
        }
        if let (line, depth) = YAMLNesting.firstLine(deeperThan: YAMLNesting.maximumDepth, in: text) {
            throw ConfigurationError(.syntax, file: file, line: line,
                                     message: "nests \(depth) levels deep; a configuration may nest at most \(YAMLNesting.maximumDepth)")
        }
    }
}
