/// "Did you mean …?" for a key the schema does not have.
package enum KeySuggestion {
    /// The valid keys that `key` was most likely meant to be: those equal to it up to case and
    /// `_`/`-` (`learningRate`), else those at the smallest edit distance if that is small (1 for
    /// keys of up to four characters, 2 above), else those it is a prefix of or that are a prefix
    /// of it (`learning` → `learning_rate`). Empty when nothing is close.
    static func candidates(for key: String, among validKeys: [String]) -> [String] {
        let same = sameWhenFolded(key, among: validKeys)
        if !same.isEmpty { return same }

        let folded = fold(key)

        let limit = key.count <= 4 ? 1 : 2
        let distances = validKeys.map { editDistance(folded, fold($0)) }
        if let best = distances.min(), best <= limit {
            return zip(validKeys, distances).filter { $0.1 == best }.map(\.0)
        }

        guard folded.count >= 3 else { return [] }
        return validKeys.filter {
            let candidate = fold($0)
            return candidate.hasPrefix(folded) || (candidate.count >= 3 && folded.hasPrefix(candidate))
        }
    }

    /// The valid keys equal to `key` up to case, `_` and `-`.
    static func sameWhenFolded(_ key: String, among validKeys: [String]) -> [String] {
        let folded = fold(key)
        return validKeys.filter { fold($0) == folded }
    }

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func alternatives(_ keys: [String], joinedBy conjunction: String = "or") -> String {
        let quoted = keys.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted[quoted.count - 1]
    }

    /// Levenshtein distance: insertions, deletions and substitutions of one character each.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // previous[j] = distance between a[..<i-1] and b[..<j]; one row at a time.
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Lowercased, without `_` and `-`, so that `learningRate`, `learning-rate` and
    /// `learning_rate` compare equal.
    private static func fold(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
