/// The range rules of one section, collected as (key, complaint) pairs so that the same rules
/// serve a file (where the reader adds file and line) and a configuration built in code.
struct ValueChecks<Key: CodingKey> {
    private(set) var violations: [(key: Key, message: String)] = []

    /// Records `message` against `key` unless `condition` holds.
    mutating func require(_ condition: Bool, _ key: Key, _ message: @autoclosure () -> String) {
        if !condition { violations.append((key, message())) }
    }

    mutating func positive(_ value: Int, _ key: Key) {
        require(value > 0, key, "must be a positive integer, found \(value)")
    }

    /// 1 … maximum: a size that allocates, bounded so that a typo cannot ask for exabytes.
    mutating func size(_ value: Int, _ key: Key, maximum: Int) {
        require(value > 0 && value <= maximum, key, "must be a positive integer of at most \(maximum), found \(value)")
    }

    /// 0 … maximum, where 0 has a meaning of its own.
    mutating func nonNegative(_ value: Int, _ key: Key, zeroMeans meaning: String, maximum: Int) {
        require(value >= 0 && value <= maximum, key, "must be 0 (\(meaning)) or a positive integer of at most \(maximum), found \(value)")
    }

    mutating func nonNegative(_ value: Int, _ key: Key, zeroMeans meaning: String) {
        require(value >= 0, key, "must be 0 (\(meaning)) or more, found \(value)")
    }

    mutating func positive<Number: BinaryFloatingPoint>(_ value: Number, _ key: Key) {
        require(value > 0, key, "must be greater than 0, found \(value)")
    }

    mutating func nonNegative<Number: BinaryFloatingPoint>(_ value: Number, _ key: Key) {
        require(value >= 0, key, "must be 0 or more, found \(value)")
    }

    /// 0 ≤ value < 1: a probability that must leave something over (dropout, smoothing, β).
    mutating func fraction<Number: BinaryFloatingPoint>(_ value: Number, _ key: Key) {
        require(value >= 0 && value < 1, key, "must be at least 0 and less than 1, found \(value)")
    }

    /// 0 < value < 1: a factor that shrinks (plateau decay).
    mutating func shrinkingFactor<Number: BinaryFloatingPoint>(_ value: Number, _ key: Key) {
        require(value > 0 && value < 1, key, "must be greater than 0 and less than 1, found \(value)")
    }
}
