/// The fields of an `application/x-www-form-urlencoded` body or a query string, as browsers and
/// `curl -d` send them: `name=value` pairs joined by `&`, `+` for a space, `%XX` for a byte. A
/// name given more than once keeps every value, in order.
struct FormFields: Equatable {
    private(set) var values: [String: [String]] = [:]

    init() {}

    /// Throws 400 for a `%` escape that is not two hexadecimal digits, or bytes that are not UTF-8
    /// once decoded.
    init(encoded bytes: some Collection<UInt8>) throws {
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = try Self.decode(pair[..<(equals ?? pair.endIndex)])
            let value = try equals.map { try Self.decode(pair[pair.index(after: $0)...]) } ?? ""
            values[name, default: []].append(value)
        }
    }

    /// The first value of `name`.
    subscript(name: String) -> String? { values[name]?.first }

    /// Fields of `other` that this one lacks are added (a query string under a body).
    func adding(_ other: FormFields) -> FormFields {
        var merged = self
        for (name, list) in other.values where merged.values[name] == nil { merged.values[name] = list }
        return merged
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                      let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)]) else {
                    throw APIError.badRequest("the form body has a '%' not followed by two hexadecimal digits")
                }
                decoded.append(high << 4 | low)
                index = bytes.index(after: first)
            } else {
                decoded.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw APIError.badRequest("the form body is not valid UTF-8 once decoded")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
