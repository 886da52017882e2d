import Foundation

/// The `13a` tokenizer: mteval-v13a.pl's tokenization as sacrebleu 2.x implements it
/// (`tokenizers/tokenizer_13a.py` and `tokenizer_re.py`), the default for BLEU.
///
/// Steps, each over the whole line, in this order:
/// 1. delete `<skipped>`; delete `-\n` (rejoining hyphenated line breaks); `\n` → space;
/// 2. unescape `&quot;` `&amp;` `&lt;` `&gt;`, one pass each in that order: `&amp;lt;` ends as
///    `<` (the lt pass comes after amp) but `&amp;quot;` stays `&quot;`;
/// 3. pad the line with one space on each side;
/// 4. surround with spaces every ASCII symbol except `'` `,` `-` `.`: the class
///    `[{-~[-\` -&(-+:-@/]`, i.e. `{|}~ [\]^_\` space!"#$%& ()*+ :;<=>?@ /`;
/// 5. `([^0-9])([.,])` → `\1 \2 `: split `.` and `,` unless preceded by a digit;
/// 6. `([.,])([^0-9])` → ` \1 \2`: split `.` and `,` unless followed by a digit;
/// 7. `([0-9])(-)` → `\1 \2 `: split a dash that follows a digit;
/// 8. split on whitespace (Python's `str.split()`).
///
/// Steps 5–7 are `re.sub` passes: leftmost, non-overlapping matches, so in `a.,b` the pair `a.`
/// is split and the scan resumes at `,`. Only ASCII 0–9 count as digits.
public struct Tokenizer13a: Sendable {
    public init() {}

    /// The tokens joined by single spaces: exactly what sacrebleu's `Tokenizer13a()(line)`
    /// returns.
    public func callAsFunction(_ line: String) -> String {
        tokens(line).joined(separator: " ")
    }

    /// The tokens of `line`.
    public func tokens(_ line: String) -> [String] {
        tokenize(Array(line.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
    }

    /// The tokens of `line` as slices of the rewritten line (no String per token).
    func tokenize(_ line: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var s = line
        s = Self.replacing(Array("<skipped>".unicodeScalars), with: [], in: s)
        s = Self.replacing(["-", "\n"], with: [], in: s)
        s = Self.replacing(["\n"], with: [" "], in: s)
        if s.contains("&") {
            for (entity, character) in Self.entities {
                s = Self.replacing(entity, with: [character], in: s)
            }
        }

        // Step 4, fused with the padding of step 3.
        var spaced: [Unicode.Scalar] = [" "]
        spaced.reserveCapacity(s.count * 2 + 2)
        for scalar in s {
            if Self.isSeparatedSymbol(scalar) {
                spaced.append(" "); spaced.append(scalar); spaced.append(" ")
            } else {
                spaced.append(scalar)
            }
        }
        spaced.append(" ")

        // Steps 5–7.
        s = Self.substitutePairs(spaced, first: { !Self.isDigit($0) }, second: Self.isPeriodOrComma,
                                 spaceBefore: false, spaceAfter: true)
        s = Self.substitutePairs(s, first: Self.isPeriodOrComma, second: { !Self.isDigit($0) },
                                 spaceBefore: true, spaceAfter: false)
        s = Self.substitutePairs(s, first: Self.isDigit, second: { $0 == "-" },
                                 spaceBefore: false, spaceAfter: true)
        return PythonText.words(s)
    }

    private static let entities: [([Unicode.Scalar], Unicode.Scalar)] = [
        (Array("&quot;".unicodeScalars), "\""),
        (Array("&amp;".unicodeScalars), "&"),
        (Array("&lt;".unicodeScalars), "<"),
        (Array("&gt;".unicodeScalars), ">"),
    ]

    /// The regex class of step 4: `{`…`~`, `[`…`` ` ``, space…`&`, `(`…`+`, `:`…`@`, `/`.
    @inline(__always)
    private static func isSeparatedSymbol(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x7B...0x7E, 0x5B...0x60, 0x20...0x26, 0x28...0x2B, 0x3A...0x40, 0x2F: return true
        default: return false
        }
    }

    @inline(__always)
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }

    @inline(__always)
    private static func isPeriodOrComma(_ c: Unicode.Scalar) -> Bool { c == "." || c == "," }

    /// One `re.sub("(A)(B)", repl, s)` pass for one-character classes A and B, where `repl` is
    /// `\1 \2` with an optional space before and after. A fixed two-character pattern matches at
    /// the leftmost position where both classes hold; the scan then resumes after the match.
    private static func substitutePairs(
        _ s: [Unicode.Scalar],
        first: (Unicode.Scalar) -> Bool, second: (Unicode.Scalar) -> Bool,
        spaceBefore: Bool, spaceAfter: Bool
    ) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count + s.count / 2)
        var i = 0
        while i < s.count {
            if i + 1 < s.count && first(s[i]) && second(s[i + 1]) {
                if spaceBefore { out.append(" ") }
                out.append(s[i]); out.append(" "); out.append(s[i + 1])
                if spaceAfter { out.append(" ") }
                i += 2
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Python's `str.replace(old, new)`: leftmost, non-overlapping occurrences.
    static func replacing(
        _ pattern: [Unicode.Scalar], with replacement: [Unicode.Scalar], in s: [Unicode.Scalar]
    ) -> [Unicode.Scalar] {
        guard !pattern.isEmpty, s.count >= pattern.count, s.contains(pattern[0]) else { return s }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + pattern.count <= s.count && s[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: replacement)
                i += pattern.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}
