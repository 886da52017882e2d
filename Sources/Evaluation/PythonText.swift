import Foundation

/// The few Python `str` operations that sacrebleu's results depend on, reproduced on Unicode
/// scalars.
///
/// sacrebleu works on Python strings, which are sequences of code points: `len`, slicing and
/// `==` see code points, not grapheme clusters, and `"é" != "e\u{301}"`. Swift's `String`
/// compares by canonical equivalence and `Character` is a grapheme cluster, so this module does
/// all its text work on `[Unicode.Scalar]`.
enum PythonText {
    /// `str.isspace()`: bidirectional class WS, B or S, or general category Zs. This is wider
    /// than Unicode's White_Space (and Swift's `isWhitespace`): it includes the information
    /// separators U+001C…U+001F. Table taken from CPython 3.11 (`chr(c).isspace()` for all c).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.split()` with no arguments: the maximal runs of non-space scalars.
    static func words(_ scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = -1
        for (i, scalar) in scalars.enumerated() {
            if isSpace(scalar) {
                if start >= 0 {
                    words.append(scalars[start..<i])
                    start = -1
                }
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { words.append(scalars[start...]) }
        return words
    }

    /// `''.join(s.split())`: every space scalar removed.
    static func removingSpaces(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        scalars.filter { !isSpace($0) }
    }

    /// `str.rstrip()`: trailing space scalars removed.
    static func rstripped(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var end = scalars.count
        while end > 0 && isSpace(scalars[end - 1]) { end -= 1 }
        return end == scalars.count ? scalars : Array(scalars[..<end])
    }

    /// `str.lower()`: the full (possibly multi-scalar) lowercase mapping of each scalar, plus the
    /// one context rule CPython applies: capital sigma Σ becomes final ς when it ends a word, i.e.
    /// `\p{Cased} \p{Case_Ignorable}* Σ !(\p{Case_Ignorable}* \p{Cased})`. Swift's
    /// `lowercased()` maps Σ to σ everywhere.
    ///
    /// Scalars assigned after Unicode 14 (CPython 3.11's tables) follow Swift's newer tables.
    static func lowercased(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for (i, scalar) in scalars.enumerated() {
            if scalar.value < 0x80 {
                // ASCII fast path: A–Z → a–z.
                let v = scalar.value
                result.append((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : scalar)
            } else if scalar.value == 0x3A3 {
                result.append(isFinalSigma(at: i, in: scalars) ? "\u{3C2}" : "\u{3C3}")
            } else if scalar.properties.changesWhenLowercased {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    /// CPython's `handle_capital_sigma`: looks back and ahead past case-ignorable scalars.
    private static func isFinalSigma(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var j = index - 1
        while j >= 0 && scalars[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0 && scalars[j].properties.isCased else { return false }
        j = index + 1
        while j < scalars.count && scalars[j].properties.isCaseIgnorable { j += 1 }
        return j == scalars.count || !scalars[j].properties.isCased
    }
}
