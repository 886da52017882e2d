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
    /// Why a scalar that looks like a value of this type is not one ("out of range …"), for the
    /// message in place of "expected …"; nil to say what is expected.
    static func whyNot(_ scalar: Node.Scalar) -> String?
}

extension ConfigurationValue {
    static func whyNot(_ scalar: Node.Scalar) -> String? { nil }
}

extension Int: ConfigurationValue {
    static var expected: String { "an integer" }

    /// `64`, `-1`, `8_000`.
    init?(scalar: Node.Scalar) {
        guard scalar.isPlain else { return nil }
        self.init(scalar.string.filter { $0 != "_" })
    }

    /// Digits beyond Int.max (9223372036854775807).
    static func whyNot(_ scalar: Node.Scalar) -> String? {
        let digits = scalar.string.filter { $0 != "_" }
        let unsigned = digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
        guard scalar.isPlain, !unsigned.isEmpty, unsigned.allSatisfy(\.isASCII), unsigned.allSatisfy(\.isNumber) else { return nil }
        return "'\(scalar.string)' is out of range for an integer (\(Int.min) … \(Int.max))"
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

    /// A number such as 1e39 that overflows the 32 bits the trainer computes in.
    static func whyNot(_ scalar: Node.Scalar) -> String? {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }) else { return nil }
        if value.isNaN || value.isInfinite { return "expected a finite number, found '\(scalar.string)'" }
        return "'\(scalar.string)' is out of range for a 32-bit float (largest magnitude \(Float.greatestFiniteMagnitude))"
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

    static func whyNot(_ scalar: Node.Scalar) -> String? {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }) else { return nil }
        return value.isNaN || value.isInfinite ? "expected a finite number, found '\(scalar.string)'" : nil
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
