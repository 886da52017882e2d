/// A section of the configuration: its keys are its `CodingKeys`, it reads itself from the file
/// and states its range rules.
protocol ConfigurationSection {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// Keys without a default; a section with any is itself required.
    static var requiredKeys: [CodingKeys] { get }
    init(reading reader: SectionReader<CodingKeys>) throws
    /// Values outside their ranges or at odds with each other, first one first.
    var checks: ValueChecks<CodingKeys> { get }
}

extension ConfigurationSection {
    static var requiredKeys: [CodingKeys] { [] }
    static var keyNames: [String] { CodingKeys.allCases.map(\.stringValue) }
}
