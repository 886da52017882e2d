import Foundation
import Yams

/// A type a configuration key can hold, read from one YAML scalar and written back as one.
/// Numbers and booleans must be written plain: `0.001` is a number, `"0.001"` a string. In JSON
/// (a checkpoint's metadata) a value is its Codable form.
package protocol ConfigurationValue: Codable {
    /// What a value must look like, for messages: "an integer", "one of bpe, word, char".
    static var expected: String { get }
    /// Nil when the scalar is not a value of this type.
    init?(scalar: Node.Scalar)
    /// Why a scalar that looks like a value of this type is not one ("out of range …"), for the
    /// message in place of "expected …"; nil to say what is expected.
    static func whyNot(_ scalar: Node.Scalar) -> String?
    /// The value as YAML text that `init(scalar:)` reads back to an equal value.
    var scalarText: String { get }
    /// The value under `key`, nil when absent.
    static func decodeIfPresent(from container: KeyedDecodingContainer<CodingName>, forKey key: CodingName) throws -> Self?
    /// The value written as a list or a mapping, for a type that may be written so (a list of
    /// corpora); nil, the default, for a type written as a scalar only. Complaints name `file`
    /// and `keyPath` (`data.train`).
    static func value(ofNode node: Node, keyPath: String, file: String) throws -> Self?
}

package extension ConfigurationValue {
    static func whyNot(_ scalar: Node.Scalar) -> String? { nil }

    static func value(ofNode node: Node, keyPath: String, file: String) throws -> Self? { nil }

    static func decodeIfPresent(from container: KeyedDecodingContainer<CodingName>, forKey key: CodingName) throws -> Self? {
        try container.decodeIfPresent(Self.self, forKey: key)
    }
}

/// Numbers and booleans as Swift prints them, which is also how they parse: `0.3`, `1e-05`.
package extension ConfigurationValue where Self: LosslessStringConvertible {
    var scalarText: String { description }
}

extension Int: ConfigurationValue {
    package static var expected: String { "an integer" }

    /// `64`, `-1`, `8_000`.
    package init?(scalar: Node.Scalar) {
        guard scalar.isPlain else { return nil }
        self.init(scalar.string.filter { $0 != "_" })
    }

    /// Digits beyond Int.max (9223372036854775807).
    package static func whyNot(_ scalar: Node.Scalar) -> String? {
        let digits = scalar.string.filter { $0 != "_" }
        let unsigned = digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
        guard scalar.isPlain, !unsigned.isEmpty, unsigned.allSatisfy(\.isASCII), unsigned.allSatisfy(\.isNumber) else { return nil }
        return "'\(scalar.string)' is out of range for an integer (\(Int.min) … \(Int.max))"
    }
}

extension Float: ConfigurationValue {
    package static var expected: String { "a number" }

    /// `0.3`, `1`, `1e-5`, `1.0e-5` (YAML 1.1 reads `1e-5` as a string; we do not), but not `.inf`.
    package init?(scalar: Node.Scalar) {
        guard scalar.isPlain, let value = Float(scalar.string.filter { $0 != "_" }), value.isFinite else {
            return nil
        }
        self = value
    }

    /// A number such as 1e39 that overflows the 32 bits the trainer computes in.
    package static func whyNot(_ scalar: Node.Scalar) -> String? {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }) else { return nil }
        if value.isNaN || value.isInfinite { return "expected a finite number, found '\(scalar.string)'" }
        return "'\(scalar.string)' is out of range for a 32-bit float (largest magnitude \(Float.greatestFiniteMagnitude))"
    }
}

extension Double: ConfigurationValue {
    package static var expected: String { "a number" }

    package init?(scalar: Node.Scalar) {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }), value.isFinite else {
            return nil
        }
        self = value
    }

    package static func whyNot(_ scalar: Node.Scalar) -> String? {
        guard scalar.isPlain, let value = Double(scalar.string.filter { $0 != "_" }) else { return nil }
        return value.isNaN || value.isInfinite ? "expected a finite number, found '\(scalar.string)'" : nil
    }
}

extension Bool: ConfigurationValue {
    package static var expected: String { "true or false" }

    /// `true`/`false`, and the YAML 1.1 spellings `yes`/`no`, `on`/`off`.
    package init?(scalar: Node.Scalar) {
        guard scalar.isPlain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": self = true
        case "false", "no", "off": self = false
        default: return nil
        }
    }
}

extension String: ConfigurationValue {
    package static var expected: String { "a string" }

    /// Any scalar, quoted or not: a path may well be `2024`.
    package init?(scalar: Node.Scalar) { self = scalar.string }

    /// Plain when it is made of letters, digits and `_ . / + - ~` only and does not read as null
    /// (`~`, `null`); else a JSON string, which is also a YAML double-quoted one.
    package var scalarText: String {
        let plainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+-~")
        if !isEmpty, allSatisfy(plainCharacters.contains), !SectionReader.nullSpellings.contains(self) { return self }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding a String cannot fail.
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}

/// A list of strings, such as file paths: `[vocab.en, vocab.de]` (or a block list); a single
/// string reads as a list of one.
extension Array: ConfigurationValue where Element == String {
    package static var expected: String { "a list of strings" }

    package init?(scalar: Node.Scalar) { self = [scalar.string] }

    /// A sequence of scalars; nil (so "expected a list of strings") for anything else.
    package static func value(ofNode node: Node, keyPath: String, file: String) throws -> Self? {
        guard case .sequence(let sequence) = node else { return nil }
        var strings: [String] = []
        for element in sequence {
            guard case .scalar(let scalar) = element else { return nil }
            strings.append(scalar.string)
        }
        return strings
    }

    /// A flow list, `[vocab.en, vocab.de]`, each element as a string scalar.
    package var scalarText: String { "[" + map(\.scalarText).joined(separator: ", ") + "]" }
}

/// A closed set of names, such as `attention: additive`.
package extension ConfigurationValue where Self: RawRepresentable & CaseIterable, RawValue == String {
    static var expected: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }

    /// The names as a sentence lists them: `en, de or fr`.
    static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1] : names.joined()
    }

    init?(scalar: Node.Scalar) { self.init(rawValue: scalar.string) }

    var scalarText: String { rawValue }

    /// Refuses a name not in the set, naming the allowed ones.
    static func decodeIfPresent(from container: KeyedDecodingContainer<CodingName>, forKey key: CodingName) throws -> Self? {
        guard let name = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = Self(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container,
                                                   debugDescription: "unknown value '\(name)'; expected \(expected)")
        }
        return value
    }
}


/// A value read from its text by a parser that says why a text is not one (a language tag): the
/// parser's error becomes the key's message.
package protocol ParsedConfigurationValue: ConfigurationValue {
    init(parsing text: String) throws
    /// The text `init(parsing:)` reads back to an equal value.
    var text: String { get }
}

package extension ParsedConfigurationValue {
    init?(scalar: Node.Scalar) { try? self.init(parsing: scalar.string) }

    static func whyNot(_ scalar: Node.Scalar) -> String? {
        do { _ = try Self(parsing: scalar.string); return nil } catch { return "\(error)" }
    }

    var scalarText: String { text.scalarText }
}
