import Yams

/// A section that is the value of a key of another section, written as a block mapping under
/// its key or in flow style (`filters: {duplicates: true}`): its own table of keys, read,
/// checked and documented like a top-level section's, complaints naming the whole key path
/// (`data.filters.length_ratio`). Conforming types implement Codable with `encode(to:naming:)`
/// and `init(decoding:naming:)`.
package protocol NestedSection: ConfigurationSection, ConfigurationValue {}

package extension NestedSection {
    static var expected: String { "a mapping of \(keyNames.joined(separator: ", "))" }

    /// Only a mapping is a nested section.
    init?(scalar: Node.Scalar) { nil }

    static func value(ofNode node: Node, keyPath: String, file: String) throws -> Self? {
        guard case .mapping = node else { return nil }
        return try read(node, keyPath: keyPath, file: file)
    }

    /// The section in `node`, every value range-checked; complaints are located in `file`.
    static func read(_ node: Node, keyPath: String, file: String) throws -> Self {
        let reader = try SectionReader(node, section: keyPath, keyNames: keyNames, file: file)
        let section = try Self(reading: reader)
        try reader.refuse(section.violations)
        return section
    }

    /// Flow YAML, `{key: value, …}`, with every key that has a value.
    var scalarText: String {
        "{" + Self.keys.compactMap { key in key.text(self).map { "\(key.name): \($0)" } }.joined(separator: ", ") + "}"
    }
}

/// A value written as a list of nested sections, an entry being a mapping or a scalar that
/// `entry(shorthand:)` reads (a path alone); a lone scalar is a list of one such entry.
package protocol SectionList: ConfigurationValue {
    associatedtype Entry: NestedSection
    init(entries: [Entry])
    /// The entry a scalar stands for; nil if entries must be written as mappings.
    static func entry(shorthand: String) -> Entry?
}

package extension SectionList {
    init?(scalar: Node.Scalar) {
        guard let entry = Self.entry(shorthand: scalar.string) else { return nil }
        self.init(entries: [entry])
    }

    static func value(ofNode node: Node, keyPath: String, file: String) throws -> Self? {
        guard case .sequence(let nodes) = node else { return nil }
        return Self(entries: try nodes.enumerated().map { index, entry in
            let path = "\(keyPath)[\(index)]"
            if case .scalar(let scalar) = entry, let shorthand = Self.entry(shorthand: scalar.string) { return shorthand }
            guard case .mapping = entry else {
                throw ConfigurationError(.wrongType, file: file, line: entry.mark?.line, keyPath: path,
                                         message: "expected \(Entry.expected), found \(SectionReader.describe(entry))")
            }
            return try Entry.read(entry, keyPath: path, file: file)
        })
    }
}
