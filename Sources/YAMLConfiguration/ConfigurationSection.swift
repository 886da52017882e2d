/// A section of the configuration, defined by its table of keys: reading, checking and coding
/// the section are loops over `keys`.
package protocol ConfigurationSection {
    /// The keys, in the order the documented YAML lists them.
    static var keys: [ConfigurationKey<Self>] { get }
    /// Every key at its default; a required key holds a placeholder that reading replaces.
    static var template: Self { get }
}

package extension ConfigurationSection {
    static var keyNames: [String] { keys.map(\.name) }

    /// Keys without a default; a section with any is itself required.
    static var requiredKeyNames: [String] { keys.filter { $0.presence == .required }.map(\.name) }

    /// The file's values over the defaults, type-checked but not range-checked.
    init(reading reader: SectionReader) throws {
        var section = Self.template
        for key in Self.keys { try key.read(reader, &section) }
        self = section
    }

    /// Values outside their ranges or at odds with each other, in table order.
    var violations: [(key: String, message: String)] {
        Self.keys.compactMap { key in key.violation(self).map { (key.name, $0) } }
    }

    /// Each key's value under the name `name(key)` gives it (the key itself, or its Swift
    /// spelling for ModelConfiguration's JSON).
    func encode(to container: inout KeyedEncodingContainer<CodingName>,
                naming name: (ConfigurationKey<Self>) -> String = \.name) throws {
        for key in Self.keys { try key.encode(self, &container, CodingName(name(key))) }
    }

    /// The defaults, overwritten by every key the container holds.
    init(decoding container: KeyedDecodingContainer<CodingName>,
         naming name: (ConfigurationKey<Self>) -> String = \.name) throws {
        var section = Self.template
        for key in Self.keys { try key.decode(container, CodingName(name(key)), &section) }
        self = section
    }
}
