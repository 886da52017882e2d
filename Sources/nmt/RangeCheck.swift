import ArgumentParser
import Search

/// A numeric option outside its documented range (in `--help` and docs/cli.md) is a usage error
/// (status 2) naming the option and its range, raised before anything is read.
enum RangeCheck {
    static func check(_ value: Int, in range: ClosedRange<Int>, _ option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    /// NaN and infinities are refused too (a NaN is in no range, but reads as one in a message).
    static func check(_ value: Float, in range: ClosedRange<Float>, _ option: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(option) must be a number between \(range.lowerBound.plainText) and \(range.upperBound.plainText), not \(value)")
        }
    }

    /// 0 < value ≤ maximum.
    static func check(_ value: Float, aboveZeroUpTo maximum: Float, _ option: String) throws {
        guard value.isFinite, value > 0, value <= maximum else {
            throw ValidationError("\(option) must be a number greater than 0 and at most \(maximum.plainText), not \(value)")
        }
    }
}
