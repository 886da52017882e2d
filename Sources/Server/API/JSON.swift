import Foundation

/// How every answer is written: UTF-8 JSON with sorted keys (the same bytes for the same
/// answer), "</s>" without an escaped slash, and a weight or score that is not finite (never seen
/// from a checked checkpoint) as a string instead of a failed response.
enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                      negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(value))
    }

    /// `{"error": message}`.
    static func error(_ message: String) -> [UInt8] {
        (try? encode(["error": message])) ?? Array(#"{"error":"internal error"}"#.utf8)
    }
}
