import Files

/// Token ↔ id mapping. Ids 0–3 are `<pad>`, `<s>`, `</s>`, `<unk>`, in that order (as in the
/// PyTorch peer), then the corpus tokens, most frequent first, equal counts in code-point order of
/// the token — the peer's `sorted(key=lambda w: (-c[w], w))`, so both build the same vocabulary.
/// Saved as plain text, one token per line in id order, specials included.
public struct Vocabulary: Equatable, Sendable {
    public static let padID: Int32 = 0
    public static let startID: Int32 = 1
    public static let endID: Int32 = 2
    public static let unknownID: Int32 = 3
    /// `<pad>`, `<s>`, `</s>`, `<unk>`: the first four entries of every vocabulary.
    public static let specialTokens = ["<pad>", "<s>", "</s>", "<unk>"]

    /// All entries in id order; `tokens[id]` is the token with that id.
    public let tokens: [String]
    private let ids: [ExactString: Int32]

    /// A vocabulary of the specials followed by `words` in the given order. Throws if a word
    /// repeats, is one of the specials, or could not be saved one per line (empty, or holding
    /// a line break).
    public init(words: [String]) throws {
        var ids: [ExactString: Int32] = [:]
        let tokens = Self.specialTokens + words
        for (id, token) in tokens.enumerated() {
            guard Self.isStorable(token) else {
                throw TextError.invalidArgument("vocabulary token \(token.debugDescription) is empty or holds a line break")
            }
            if ids.updateValue(Int32(id), forKey: ExactString(token)) != nil {
                throw TextError.invalidArgument("vocabulary token '\(token)' appears twice")
            }
        }
        self.tokens = tokens
        self.ids = ids
    }

    /// Counts the tokens of `sentences` and keeps those seen at least `minFrequency` times, the
    /// most frequent first, at most `maxSize` entries in all (the four specials included).
    /// Tokens spelled like a special are not counted: they would collide with it. Nor are empty
    /// tokens or tokens holding a line break, which the file format cannot hold.
    public init<S: Sequence>(counting sentences: S, minFrequency: Int = 1, maxSize: Int? = nil)
    where S.Element == [String] {
        var counts: [ExactString: Int] = [:]
        for sentence in sentences {
            for token in sentence { counts[ExactString(token), default: 0] += 1 }
        }
        for special in Self.specialTokens { counts[ExactString(special)] = nil }
        var kept = counts.filter { $0.value >= max(minFrequency, 1) && Self.isStorable($0.key.value) }.map { (word: $0.key.value, count: $0.value) }
        kept.sort { a, b in
            a.count != b.count ? a.count > b.count : a.word.unicodeScalars.lexicographicallyPrecedes(b.word.unicodeScalars)
        }
        if let maxSize { kept = Array(kept.prefix(max(0, maxSize - Self.specialTokens.count))) }
        // Distinct by construction, so this cannot throw.
        self = try! Vocabulary(words: kept.map(\.word))
    }

    /// Reads a vocabulary file: one token per line, the four specials first.
    public init(contentsOf path: String) throws {
        try self.init(lines: LineReader.lines(ofFile: path), name: path)
    }

    /// Parses the text of a vocabulary file (for vocabularies stored inside a checkpoint).
    public init(fileContents: String, name: String = "<vocabulary>") throws {
        var lines = fileContents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        try self.init(lines: lines, name: name)
    }

    private init(lines: [String], name: String) throws {
        for (i, special) in Self.specialTokens.enumerated() where i >= lines.count || lines[i] != special {
            let found = i < lines.count ? "'\(lines[i])'" : "end of file"
            throw TextError.invalidVocabulary(path: name, line: i + 1, reason: "expected '\(special)', found \(found)")
        }
        var seen: [ExactString: Int] = [:]
        for (i, token) in lines.enumerated() {
            if token.isEmpty {
                throw TextError.invalidVocabulary(path: name, line: i + 1, reason: "empty line")
            }
            if let first = seen.updateValue(i + 1, forKey: ExactString(token)) {
                throw TextError.invalidVocabulary(path: name, line: i + 1, reason: "'\(token)' already on line \(first)")
            }
        }
        try self.init(words: Array(lines.dropFirst(Self.specialTokens.count)))
    }

    private static func isStorable(_ token: String) -> Bool {
        !token.isEmpty && !token.utf8.contains(0x0A) && !token.utf8.contains(0x0D)
    }

    /// Number of entries, specials included.
    public var count: Int { tokens.count }

    /// One token per line, in id order, each line ending in a newline.
    public var fileContents: String {
        tokens.joined(separator: "\n") + "\n"
    }

    /// Writes `fileContents` to `path`, replacing it whole or not at all (`LineWriter.replace`).
    public func write(to path: String) throws {
        try LineWriter.replace(path) { writer in
            for token in tokens { try writer.write(token) }
        }
    }

    /// The id of `token`, or `unknownID`.
    public func id(of token: String) -> Int32 {
        ids[ExactString(token)] ?? Self.unknownID
    }

    /// The token with `id`, or `<unk>` for an id outside the vocabulary.
    public func token(of id: Int32) -> String {
        id >= 0 && Int(id) < tokens.count ? tokens[Int(id)] : Self.specialTokens[Int(Self.unknownID)]
    }

    /// Ids of `tokens`, unknown ones as `unknownID`, with `</s>` appended if asked.
    public func encode(_ tokens: [String], appendingEnd: Bool = false) -> [Int32] {
        var encoded = tokens.map(id(of:))
        if appendingEnd { encoded.append(Self.endID) }
        return encoded
    }

    /// Tokens of `ids`, stopping at the first `</s>` and leaving out `<pad>` and `<s>`:
    /// what a decoder's output turns into.
    public func decode(_ ids: [Int32]) -> [String] {
        var tokens: [String] = []
        for id in ids {
            if id == Self.endID { break }
            if id == Self.padID || id == Self.startID { continue }
            tokens.append(token(of: id))
        }
        return tokens
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.tokens.elementsEqual(rhs.tokens) { $0.utf8.elementsEqual($1.utf8) }
    }
}
