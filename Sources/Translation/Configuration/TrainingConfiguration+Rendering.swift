import Foundation
import Yams

/// The effective configuration written out again, under the same snake_case keys as the file:
/// JSON for a checkpoint's metadata, YAML for people.
extension TrainingConfiguration {
    /// Compact JSON with sorted keys, so that equal configurations give equal text.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads `jsonString()`'s output back (every key present; no file checks).
    public init(jsonString: String) throws {
        self = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(jsonString.utf8))
    }

    /// Block YAML in the schema's order, which `init(yaml:name:baseDirectory:)` reads back to an
    /// equal configuration.
    public func yamlString() throws -> String {
        // Built from the JSON rather than with YAMLEncoder, which writes 0.2 as a Float would
        // print through Double (2.00000002980232e-1); JSON text is also YAML, so its scalars can
        // be moved over as they are.
        guard let json = try Yams.compose(yaml: try jsonString()) else { return "" }
        var sections: [(Node, Node)] = []
        for (section, keys) in Self.sectionKeys {
            guard let values = json[section] else { continue }
            let pairs = keys.compactMap { key in
                values[key]?.scalar.map { (Node(key), Node($0.string)) }
            }
            sections.append((Node(section), Node(pairs)))
        }
        return try Yams.serialize(node: Node(sections), allowUnicode: true)
    }
}
