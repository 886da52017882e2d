import YAMLConfiguration
/// The table of sections: each section's name in the file and where it lives in the
/// configuration. Reading, checking, rendering and coding a configuration loop over it.
package extension TrainingConfiguration {
    /// One section, its table reached through closures so that the seven section types fit one
    /// list.
    struct SectionEntry {
        let name: String
        let keyNames: [String]
        let requiredKeyNames: [String]
        /// Reads the section from its reader into the configuration and refuses its first
        /// violation, located in the file.
        let read: (SectionReader, inout TrainingConfiguration) throws -> Void
        let violations: (TrainingConfiguration) -> [(key: String, message: String)]
        /// Each key with its value as YAML (nil: not given) and its documentation line.
        let lines: (TrainingConfiguration) -> [(key: String, value: String?, comment: String)]
        let encode: (TrainingConfiguration, inout KeyedEncodingContainer<CodingName>) throws -> Void
        let decode: (KeyedDecodingContainer<CodingName>, inout TrainingConfiguration) throws -> Void

        init<Section: ConfigurationSection>(_ name: String, _ field: WritableKeyPath<TrainingConfiguration, Section>) {
            self.name = name
            keyNames = Section.keyNames
            requiredKeyNames = Section.requiredKeyNames
            read = { reader, configuration in
                let section = try Section(reading: reader)
                try reader.refuse(section.violations)
                configuration[keyPath: field] = section
            }
            violations = { $0[keyPath: field].violations }
            lines = { configuration in
                Section.keys.map { key in (key.name, key.text(configuration[keyPath: field]), key.comment) }
            }
            encode = { configuration, container in
                var keys = container.nestedContainer(keyedBy: CodingName.self, forKey: CodingName(name))
                try configuration[keyPath: field].encode(to: &keys)
            }
            decode = { container, configuration in
                // An absent section keeps its defaults; one with required keys cannot be absent.
                guard container.contains(CodingName(name)) || !Section.requiredKeyNames.isEmpty else { return }
                let keys = try container.nestedContainer(keyedBy: CodingName.self, forKey: CodingName(name))
                configuration[keyPath: field] = try Section(decoding: keys)
            }
        }
    }

    /// In the order of the documented file.
    static var sections: [SectionEntry] {
        [
            SectionEntry("data", \.data),
            SectionEntry("segmentation", \.segmentation),
            SectionEntry("model", \.model),
            SectionEntry("training", \.training),
            SectionEntry("validation", \.validation),
            SectionEntry("output", \.output),
            SectionEntry("translation", \.translation),
        ]
    }

    /// Each section's name and keys, for pointing a misplaced key to its section.
    static var sectionKeys: [(section: String, keys: [String])] {
        sections.map { ($0.name, $0.keyNames) }
    }

    /// Every section at its defaults; the required keys hold placeholders.
    static var template: TrainingConfiguration {
        TrainingConfiguration(data: .template, output: .template)
    }
}

package extension ConfigurationKey {
    /// The documentation line: "required. …", "optional. …" or "… (default 0.3)".
    var comment: String {
        switch presence {
        case .required: "required. \(doc)"
        case .optional: "optional. \(doc)"
        case .defaulted: "\(doc) (default \(defaultText ?? ""))"
        }
    }
}
