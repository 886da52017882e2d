// Character classes with the meaning Moses' Perl scripts give them, so that the tokenizer splits
// where tokenizer.perl splits. ASCII is answered from the code point alone because nearly every
// scalar in European text is ASCII and the Unicode property lookups are comparatively slow.

extension Unicode.Scalar {
    /// Perl `\p{IsAlpha}`: the Unicode `Alphabetic` property.
    @inline(__always)
    var isAlpha: Bool {
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 }
        return properties.isAlphabetic
    }

    /// Perl `\p{IsAlnum}`: `Alphabetic` or a decimal digit (`Nd`); and, unlike Perl, any
    /// combining mark (`Mn`, `Mc`, `Me`), which belongs to the letter before it: Moses splits
    /// the Thai tone marks and other non-alphabetic diacritics off their letters (`ต ้ นไม ้`).
    @inline(__always)
    var isAlnum: Bool {
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 }
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Perl `\p{IsN}`: any number (`Nd`, `Nl`, `No`), so `²` and `½` count as well.
    @inline(__always)
    var isNumber: Bool {
        if value < 0x80 { return value &- 0x30 < 10 }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Perl `\p{IsLower}`: the Unicode `Lowercase` property.
    @inline(__always)
    var isLower: Bool {
        if value < 0x80 { return value &- 0x61 < 26 }
        return properties.isLowercase
    }

    /// Perl `\s` on Unicode text: the `White_Space` property, which includes the no-break space.
    @inline(__always)
    var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || value &- 0x09 < 5 }
        return properties.isWhitespace
    }

    /// ASCII letters only: normalize-punctuation.perl works on bytes, so its `[a-z]` is ASCII.
    @inline(__always)
    var isASCIILetter: Bool { (value | 0x20) &- 0x61 < 26 }

    /// `0`–`9`: `\d` in normalize-punctuation.perl, which reads bytes.
    @inline(__always)
    var isASCIIDigit: Bool { value &- 0x30 < 10 }
}
