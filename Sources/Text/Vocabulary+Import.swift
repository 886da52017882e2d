import Files

extension Vocabulary {
    /// Reads a vocabulary someone already has, in either of two forms:
    /// - nmt's own file (its first line `<pad>`): read exactly as `init(contentsOf:)` reads it;
    /// - a list of units, one per line, each alone or followed by one space and a count
    ///   (subword-nmt's `get_vocab.py` output, `low@@ 1234`): ids follow the file's order after
    ///   the four specials, counts are not used, and lines spelled like a special are skipped
    ///   (ours take their place).
    ///
    /// `TextError.invalidVocabulary` names the file and line of an empty line, a line of more
    /// than two fields, a count that is not a number, or a unit given twice.
    public init(importing path: String) throws {
        let lines = try LineReader.lines(ofFile: path)
        if lines.first == Self.specialTokens[0] {
            self = try Vocabulary(contentsOf: path)
            return
        }
        var units: [String] = []
        var lineOfUnit: [ExactString: Int] = [:]
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard !line.isEmpty, fields.allSatisfy({ !$0.isEmpty }) else {
                throw TextError.invalidVocabulary(path: path, line: number, reason: "expected a unit, or a unit, one space and a count, found '\(line)'")
            }
            guard fields.count <= 2 else {
                throw TextError.invalidVocabulary(path: path, line: number, reason: "expected a unit, or a unit, one space and a count, found \(fields.count) fields")
            }
            if fields.count == 2, UInt64(fields[1]) == nil {
                throw TextError.invalidVocabulary(path: path, line: number, reason: "the count '\(fields[1])' is not a whole number")
            }
            let unit = fields[0]
            if Self.specialTokens.contains(unit) { continue }
            if let first = lineOfUnit.updateValue(number, forKey: ExactString(unit)) {
                throw TextError.invalidVocabulary(path: path, line: number, reason: "'\(unit)' already on line \(first)")
            }
            units.append(unit)
        }
        self = try Vocabulary(words: units)
    }

    /// The pieces of a SentencePiece model, in the model's order, after the four specials: the
    /// vocabulary of a model that reads SentencePiece pieces. Pieces spelled like a special are
    /// left out (a model trained with `<pad>` as a user-defined piece).
    public init(sentencePiece model: SentencePieceModel) throws {
        try self.init(words: model.pieces.filter { !Self.specialTokens.contains($0) })
    }
}
