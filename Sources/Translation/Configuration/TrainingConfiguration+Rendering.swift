import Foundation
import YAMLConfiguration

/// The configuration written out again, from the section tables and under the same snake_case
/// keys as the file: JSON for a checkpoint's metadata, YAML for people, and YAML with every key
/// documented (configs/default.yaml is that rendering of the demo's values).
extension TrainingConfiguration {
    /// Compact JSON with sorted keys, so that equal configurations give equal text.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads `jsonString()`'s output back (no range or file checks). A key it lacks takes its
    /// default, so checkpoints written before the key existed still read.
    public init(jsonString: String) throws {
        self = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(jsonString.utf8))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingName.self)
        for section in Self.sections { try section.encode(self, &container) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingName.self)
        var configuration = Self.template
        for section in Self.sections { try section.decode(container, &configuration) }
        self = configuration
    }

    /// Block YAML in the tables' order, which `init(yaml:name:baseDirectory:)` reads back to an
    /// equal configuration.
    public func yamlString() -> String {
        Self.sections.map { section in
            section.name + ":\n" + section.lines(self).compactMap { key, value, _ in
                value.map { "  \(key): \($0)\n" }
            }.joined()
        }.joined()
    }

    /// Column of the `#` that starts each key's documentation.
    static let commentColumn = 32

    /// Like `yamlString()`, with each key's documentation line beside it and a blank line
    /// between sections; an optional key without a value is shown commented out. `header`
    /// (comment lines) goes first.
    public func documentedYAMLString(header: String) -> String {
        let sections = Self.sections.map { section in
            section.name + ":\n" + section.lines(self).map { key, value, comment in
                let setting = value.map { "  \(key): \($0)" } ?? "  # \(key):"
                let padding = String(repeating: " ", count: max(2, Self.commentColumn - setting.count))
                return setting + padding + "# " + comment + "\n"
            }.joined()
        }
        return header + "\n\n" + sections.joined(separator: "\n")
    }
}
