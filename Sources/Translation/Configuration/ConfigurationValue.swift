import Layers
import Text
import Yams

/// A type a configuration key can hold, read from one YAML scalar. Numbers and booleans must be
/// written plain: `0.001` is a number, `"0.001"` a string.
protocol ConfigurationValue {
    /// What a value must look like, for messages: "an integer", "one of bpe, word, char".
    static var expected: String { get }
    /// Nil when the scalar is not a value of this type.
    init?(scalar: Node.Scalar)
}

extension Int: ConfigurationValue {
    static var expected: String { "an integer" }

    /// `64`, `-1`, `8_000`.
    init?(scalar: Node.Scalar) {
        guard scalar.isPlain else { return nil }
        self.init(scalar.string.filter { $0 != "_" })
    }
}

extension Float: ConfigurationValue {
    static var expected: String { "a number" }

    /// `0.3`, `1`, `1e-5`, `1.0e-5` (YAML 1.1 reads `1e-5` as a string; we do not), but not `.inf`.
    init?(scalar: Node.Scalar) {
        guard scalar.isPlain, let value = Float(scalar.string.filter { $0 != "_" }), value.isFinite else {
            return nil
        }
        self = value
    }
}

extension Double: ConfigurationValue {
    static var expected: String { "a number" }

    init?(scalar: Node.Scalar) {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }), value.isFinite else {
            return nil
        }
        self = value
    }
}

extension Bool: ConfigurationValue {
    static var expected: String { "true or false" }

    /// `true`/`false`, and the YAML 1.1 spellings `yes`/`no`, `on`/`off`.
    init?(scalar: Node.Scalar) {
        guard scalar.isPlain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": self = true
        case "false", "no", "off": self = false
        default: return nil
        }
    }
}

extension String: ConfigurationValue {
    static var expected: String { "a string" }

    /// Any scalar, quoted or not: a path may well be `2024`.
    init?(scalar: Node.Scalar) { self = scalar.string }
}

/// A closed set of names, such as `attention: additive`.
extension ConfigurationValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    static var expected: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }

    init?(scalar: Node.Scalar) { self.init(rawValue: scalar.string) }
}

extension AttentionScore: ConfigurationValue {}
extension Language: ConfigurationValue {}
