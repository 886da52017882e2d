/// One row of a section's table: the YAML key, the field it fills, the rule its value obeys and
/// the line that documents it. Reading a file, checking values, "did you mean" suggestions, the
/// documented YAML and a checkpoint's JSON all go through the rows, so a key is declared once
/// here; its type and default are those of the field (the default read from `Section.template`).
package struct ConfigurationKey<Section> {
    package enum Presence: Equatable {
        /// Absent means the default.
        case defaulted
        /// A file must give it; the section has no default for it.
        case required
        /// Absent means none (a field of optional type).
        case optional
    }

    /// snake_case, as in the file: `learning_rate`.
    package let name: String
    /// What the key does and accepts, one line; the documented YAML adds the default.
    package let doc: String
    package let presence: Presence
    /// The default as YAML; nil unless `presence` is `.defaulted`.
    package let defaultText: String?
    /// Sets the field from the file's value, if the file gives one; a missing required key throws.
    package let read: (SectionReader, inout Section) throws -> Void
    /// The complaint about the field's value in a section; nil when it is fine.
    package let violation: (Section) -> String?
    /// For a size: its value and maximum (see `ValueRule.bound`).
    package let bound: ((Section) -> (value: Int, maximum: Int))?
    /// The field's value as YAML; nil for an optional key without one.
    package let text: (Section) -> String?
    package let encode: (Section, inout KeyedEncodingContainer<CodingName>, CodingName) throws -> Void
    /// Sets the field from a decoder's value; absent leaves the default (a checkpoint written
    /// before the key existed), absent and required throws.
    package let decode: (KeyedDecodingContainer<CodingName>, CodingName, inout Section) throws -> Void

    /// The Swift spelling of `name`, which is the field's: `learning_rate` → `learningRate`.
    package var propertyName: String {
        let words = name.split(separator: "_")
        return words.prefix(1).joined() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

package extension ConfigurationKey where Section: ConfigurationSection {
    /// A key with a default.
    /// - Parameters:
    ///   - rule: what the value alone must satisfy.
    ///   - also: a check against other keys of the section, reported at this key.
    package static func key<Value: ConfigurationValue>(_ name: String, _ field: WritableKeyPath<Section, Value>,
                                                _ rule: ValueRule<Value>? = nil,
                                                also: ((Section) -> String?)? = nil, doc: String) -> Self {
        Self(name: name, doc: doc, presence: .defaulted, defaultText: Section.template[keyPath: field].scalarText,
             read: { reader, section in
                 if let value: Value = try reader.value(name) { section[keyPath: field] = value }
             },
             violation: { section in rule?.violation(section[keyPath: field]) ?? also?(section) },
             bound: rule?.bound.map { bound in { bound($0[keyPath: field]) } },
             text: { $0[keyPath: field].scalarText },
             encode: { section, container, key in try container.encode(section[keyPath: field], forKey: key) },
             decode: { container, key, section in
                 if let value = try Value.decodeIfPresent(from: container, forKey: key) { section[keyPath: field] = value }
             })
    }

    /// A key without a default; `hint` says what to give when it is missing (else the type's
    /// `expected`).
    package static func required<Value: ConfigurationValue>(_ name: String, _ field: WritableKeyPath<Section, Value>,
                                                     _ rule: ValueRule<Value>? = nil, hint: String? = nil,
                                                     also: ((Section) -> String?)? = nil, doc: String) -> Self {
        Self(name: name, doc: doc, presence: .required, defaultText: nil,
             read: { reader, section in section[keyPath: field] = try reader.required(name, hint: hint) },
             violation: { section in rule?.violation(section[keyPath: field]) ?? also?(section) },
             bound: nil,
             text: { $0[keyPath: field].scalarText },
             encode: { section, container, key in try container.encode(section[keyPath: field], forKey: key) },
             decode: { container, key, section in
                 guard let value = try Value.decodeIfPresent(from: container, forKey: key) else {
                     throw DecodingError.keyNotFound(key, .init(codingPath: container.codingPath,
                                                                debugDescription: "missing required key \(name)"))
                 }
                 section[keyPath: field] = value
             })
    }

    /// A key that may be left out, leaving the field nil.
    package static func optional<Value: ConfigurationValue>(_ name: String, _ field: WritableKeyPath<Section, Value?>,
                                                     _ rule: ValueRule<Value>? = nil,
                                                     also: ((Section) -> String?)? = nil, doc: String) -> Self {
        Self(name: name, doc: doc, presence: .optional, defaultText: nil,
             read: { reader, section in
                 if let value: Value = try reader.value(name) { section[keyPath: field] = value }
             },
             violation: { section in section[keyPath: field].flatMap { rule?.violation($0) } ?? also?(section) },
             bound: nil,
             text: { $0[keyPath: field]?.scalarText },
             encode: { section, container, key in try container.encodeIfPresent(section[keyPath: field], forKey: key) },
             decode: { container, key, section in
                 if let value = try Value.decodeIfPresent(from: container, forKey: key) { section[keyPath: field] = value }
             })
    }
}

/// A key of a JSON object, named at run time from a table row.
package struct CodingName: CodingKey {
    package let stringValue: String
    package var intValue: Int? { nil }

    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.init(stringValue) }
    package init?(intValue: Int) { nil }
}
