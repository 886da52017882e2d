import Yams

/// One section of a configuration file, read from the YAML node tree rather than through
/// `Codable`, so that every complaint can name the file, the line and the key path. The keys a
/// section may hold are the names of its table (`ConfigurationSection.keys`).
///
/// Creating a reader refuses unknown and repeated keys and a section that is not a mapping;
/// reading a key refuses a value of the wrong type. An absent key or an empty value (`key:`)
/// leaves the default in place.
package struct SectionReader {
    /// The configuration file as named in messages.
    let file: String
    /// `training`, or nil for the top level (whose keys are the sections).
    let section: String?
    /// Line of the section's own key, for complaints about values it did not spell out.
    package let sectionLine: Int?
    /// The keys the section may hold.
    let keyNames: [String]
    private var values: [String: Node] = [:]
    private var lines: [String: Int] = [:]

    /// - Parameters:
    ///   - node: the section's mapping; nil or an empty value for an absent or empty section.
    ///   - keysElsewhere: every key of the other sections, to point out one filed under the
    ///     wrong section (`dropout` under `training`).
    package init(_ node: Node?, section: String?, sectionLine: Int? = nil, keyNames: [String], file: String,
         keysElsewhere: [(section: String, keys: [String])] = []) throws {
        self.file = file
        self.section = section
        self.sectionLine = sectionLine ?? node?.mark?.line
        self.keyNames = keyNames
        guard let node, !Self.isNull(node) else { return }
        guard case .mapping(let mapping) = node else {
            throw ConfigurationError(
                .wrongType, file: file, line: node.mark?.line, keyPath: section,
                message: section == nil
                    ? "the file must hold a mapping of sections (data:, model:, …), found \(Self.describe(node))"
                    : "expected a mapping of keys, found \(Self.describe(node))")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? Self.describe(keyNode)
            let line = keyNode.mark?.line
            guard keyNames.contains(key) else {
                throw unknownKey(key, line: line, keysElsewhere: keysElsewhere)
            }
            if let first = lines[key] {
                throw ConfigurationError(.invalidValue, file: file, line: line, keyPath: path(key),
                                         message: "repeated key (first given on line \(first))")
            }
            values[key] = value
            lines[key] = line
        }
    }

    /// Dotted path of `key` in this section: `training.learning_rate`.
    package func path(_ key: String) -> String {
        section.map { "\($0).\(key)" } ?? key
    }

    /// Line of `key` if the file gives it, else of the section.
    package func line(of key: String) -> Int? { lines[key] ?? sectionLine }

    /// Whether the file gives `key` a non-empty value.
    package func contains(_ key: String) -> Bool { node(key) != nil }

    /// The value node of `key`; nil when absent or empty.
    package func node(_ key: String) -> Node? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        return node
    }

    /// The file's value for a key without a default; `hint` says what to give.
    func required<Value: ConfigurationValue>(_ key: String, hint: String? = nil) throws -> Value {
        guard let read: Value = try value(key) else {
            throw ConfigurationError(.missingKey, file: file, line: sectionLine, keyPath: path(key),
                                     message: "missing required key (\(hint ?? Value.expected))")
        }
        return read
    }

    /// Throws the first of `violations`, located at its key.
    package func refuse(_ violations: [(key: String, message: String)]) throws {
        guard let (key, message) = violations.first else { return }
        throw ConfigurationError(.invalidValue, file: file, line: line(of: key), keyPath: path(key),
                                 message: message)
    }

    /// The file's value for `key`; nil when absent or empty.
    func value<Value: ConfigurationValue>(_ key: String) throws -> Value? {
        guard let node = node(key) else { return nil }
        if case .scalar = node {} else if let value = try Value.value(ofNode: node, keyPath: path(key), file: file) { return value }
        guard case .scalar(let scalar) = node, let value = Value(scalar: scalar) else {
            if case .scalar(let scalar) = node, let reason = Value.whyNot(scalar) {
                throw ConfigurationError(.invalidValue, file: file, line: node.mark?.line, keyPath: path(key), message: reason)
            }
            throw ConfigurationError(.wrongType, file: file, line: node.mark?.line, keyPath: path(key),
                                     message: "expected \(Value.expected), found \(Self.describe(node))")
        }
        return value
    }

    private func unknownKey(_ key: String, line: Int?,
                            keysElsewhere: [(section: String, keys: [String])]) -> ConfigurationError {
        let what = section == nil ? "section" : "key"
        let valid = keyNames
        var message = "unknown \(what)"
        let close = KeySuggestion.candidates(for: key, among: valid)
        if !close.isEmpty {
            message += "; did you mean \(KeySuggestion.alternatives(close))?"
        } else if let (name, homes) = Self.home(of: key, in: keysElsewhere) {
            let sections = KeySuggestion.alternatives(homes, joinedBy: "and")
            message += "; '\(name)' is a key of section\(homes.count > 1 ? "s" : "") \(sections)"
        } else if let section {
            message += "; the keys of '\(section)' are \(valid.joined(separator: ", "))"
        } else {
            message += "; the sections are \(valid.joined(separator: ", "))"
        }
        return ConfigurationError(.unknownKey, file: file, line: line, keyPath: path(key), message: message)
    }

    /// The sections that have `key` (up to case and `_`), and its spelling there.
    private static func home(of key: String, in keysElsewhere: [(section: String, keys: [String])])
        -> (key: String, sections: [String])? {
        var name: String?
        var sections: [String] = []
        for (section, keys) in keysElsewhere {
            if let match = KeySuggestion.sameWhenFolded(key, among: keys).first {
                name = match
                sections.append(section)
            }
        }
        return name.map { ($0, sections) }
    }

    /// The plain scalars YAML reads as null, like `key:` with nothing after it.
    static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.isPlain else { return false }
        return nullSpellings.contains(scalar.string)
    }

    /// A found value as messages quote it.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.isPlain ? "'\(scalar.string)'" : "the quoted string \"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

package extension Node.Scalar {
    /// Written without quotes or block indicators, so `1` is a number and `"1"` a string.
    var isPlain: Bool { style == .plain || style == .any }
}

extension SectionReader {
    /// The reader of a whole configuration file, whose keys are its sections: the text checked
    /// for size and nesting (`ConfigurationText.checkShape`), then composed by Yams, a syntax
    /// error becoming a `ConfigurationError` with its line.
    package init(document yaml: String, file: String, sectionNames: [String],
                 keysElsewhere: [(section: String, keys: [String])]) throws {
        try ConfigurationText.checkShape(yaml, file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.refusal(of: error, file: file)
        }
        try self.init(root, section: nil, keyNames: sectionNames, file: file, keysElsewhere: keysElsewhere)
    }

    /// A YAML syntax error as a configuration error: the problem, its line and the line's text.
    private static func refusal(of error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text) on line \(context.mark.line))" }
            return ConfigurationError(.syntax, file: file, line: mark.line,
                                      message: message + "\n" + mark.snippet(from: yaml))
        default:
            return ConfigurationError(.syntax, file: file, message: "not valid YAML: \(error)")
        }
    }
}
