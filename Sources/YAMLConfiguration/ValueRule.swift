/// What a key's value must satisfy, as the complaint about a value that does not. Complaints say
/// what is allowed and what was found: "must be a positive integer of at most 8192, found 0".
package struct ValueRule<Value> {
    /// The complaint about `value`; nil when it obeys the rule.
    package let violation: (Value) -> String?
    /// For a size (1 … maximum): the value as an integer and its maximum, so that
    /// `ModelConfiguration.sizeProblems` can say which bound was crossed.
    package var bound: ((Value) -> (value: Int, maximum: Int))? = nil

    package init(violation: @escaping (Value) -> String?, bound: ((Value) -> (value: Int, maximum: Int))? = nil) {
        self.violation = violation
        self.bound = bound
    }
}

/// `message` unless `condition` holds: the form of the checks that relate one key to another.
package func complaint(unless condition: Bool, _ message: @autoclosure () -> String) -> String? {
    condition ? nil : message()
}

package extension ValueRule where Value == Int {
    static var positive: ValueRule {
        ValueRule { complaint(unless: $0 > 0, "must be a positive integer, found \($0)") }
    }

    /// 1 … maximum: a size that allocates, bounded so that a typo cannot ask for exabytes.
    static func size(maximum: Int) -> ValueRule {
        ValueRule(violation: { complaint(unless: $0 > 0 && $0 <= maximum, "must be a positive integer of at most \(maximum), found \($0)") },
                  bound: { ($0, maximum) })
    }

    /// 0 … maximum (or any count), where 0 has a meaning of its own.
    static func nonNegative(zeroMeans meaning: String, maximum: Int? = nil) -> ValueRule {
        guard let maximum else {
            return ValueRule { complaint(unless: $0 >= 0, "must be 0 (\(meaning)) or more, found \($0)") }
        }
        return ValueRule {
            complaint(unless: $0 >= 0 && $0 <= maximum, "must be 0 (\(meaning)) or a positive integer of at most \(maximum), found \($0)")
        }
    }
}

package extension ValueRule where Value: BinaryFloatingPoint {
    static var positive: ValueRule {
        ValueRule { complaint(unless: $0 > 0, "must be greater than 0, found \($0)") }
    }

    /// 0 < value ≤ maximum.
    static func positive(maximum: Value) -> ValueRule {
        ValueRule { complaint(unless: $0 > 0 && $0 <= maximum, "must be greater than 0 and at most \(maximum), found \($0)") }
    }

    static var nonNegative: ValueRule {
        ValueRule { complaint(unless: $0 >= 0, "must be 0 or more, found \($0)") }
    }

    /// 0 ≤ value < 1: a probability that must leave something over (dropout, smoothing, β).
    static var fraction: ValueRule {
        ValueRule { complaint(unless: $0 >= 0 && $0 < 1, "must be at least 0 and less than 1, found \($0)") }
    }

    /// 0 < value < 1: a factor that shrinks (plateau decay).
    static var shrinkingFactor: ValueRule {
        ValueRule { complaint(unless: $0 > 0 && $0 < 1, "must be greater than 0 and less than 1, found \($0)") }
    }
}

package extension ValueRule where Value == String {
    /// Not empty: a path prefix such as data/default/train.
    static func pathPrefix(example: String) -> ValueRule {
        ValueRule { complaint(unless: !$0.isEmpty, "must be a path prefix such as \(example)") }
    }
}

extension ValueRule where Value == Float {
    /// lower ≤ value ≤ upper.
    package static func within(_ range: ClosedRange<Float>) -> ValueRule {
        ValueRule { complaint(unless: range.contains($0), "must be between \(range.lowerBound) and \(range.upperBound), found \($0)") }
    }
}
