/// A configuration that cannot be trained: the file is unreadable or not YAML, a key is unknown,
/// a value has the wrong type or lies outside its range, a required key or a data file is
/// missing. The description reads like a compiler diagnostic, `FILE:LINE: KEY.PATH: problem`,
/// and says what is allowed:
///
///     configs/default.yaml:31: training.learing_rate: unknown key; did you mean 'learning_rate'?
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadableFile
        /// The text is not YAML.
        case syntax
        /// A key or section that the schema does not have.
        case unknownKey
        /// Say, a string where a number is expected.
        case wrongType
        /// Right type, but outside the allowed range or inconsistent with another value.
        case invalidValue
        /// A required key or section is absent.
        case missingKey
        /// A corpus file named by a data prefix does not exist.
        case missingFile
    }

    public var reason: Reason
    /// The configuration file as it was named (a path, or a name such as `<string>`).
    public var file: String
    /// 1-based line of the offending key in the file, when known.
    public var line: Int?
    /// Dotted path of the offending key, e.g. `training.learning_rate`; nil for the whole file.
    public var keyPath: String?
    /// The problem and what is allowed, without the location.
    public var message: String

    public init(_ reason: Reason, file: String, line: Int? = nil, keyPath: String? = nil, message: String) {
        self.reason = reason
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let keyPath { location += ": \(keyPath)" }
        return "\(location): \(message)"
    }

    /// Always true: a bad configuration is the user's to fix, so the command line exits with
    /// status 2 rather than 1.
    public var isUsageError: Bool { true }
}
