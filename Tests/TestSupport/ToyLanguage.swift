/// The toy language pair of the training tests: each English word has one German word, and a
/// German sentence is the word-by-word translation in reverse order. A tiny model learns it in a
/// few hundred updates and its attention then runs along the anti-diagonal.
package struct ToyLanguage {
    /// English word → German word.
    package let lexicon: [String: String]
    /// Sentence lengths in words, before the final full stop.
    package let lengths: ClosedRange<Int>

    package init(lexicon: [String: String], lengths: ClosedRange<Int>) {
        self.lexicon = lexicon
        self.lengths = lengths
    }

    /// Twelve words, two to six to a sentence: most suites.
    package static let small = ToyLanguage(
        lexicon: ["red": "rot", "cat": "katze", "dog": "hund", "sees": "sieht", "big": "gross", "the": "die",
                  "small": "klein", "house": "haus", "runs": "läuft", "and": "und", "a": "eine", "tree": "baum"],
        lengths: 2...6)

    /// Twenty words, three to ten to a sentence: enough for the loss to fall steadily over the
    /// hundreds of updates the MPI tests compare.
    package static let large = ToyLanguage(
        lexicon: ["the": "der", "a": "ein", "man": "mann", "woman": "frau", "dog": "hund", "cat": "katze",
                  "sees": "sieht", "runs": "läuft", "big": "gross", "small": "klein", "red": "rot", "blue": "blau",
                  "house": "haus", "tree": "baum", "street": "strasse", "and": "und", "on": "auf", "near": "bei",
                  "plays": "spielt", "sleeps": "schläft"],
        lengths: 3...10)

    /// `count` sentence pairs drawn from `indices`: a length, then each English word.
    package func pairs(_ count: Int, using indices: inout some SeededIndices) -> [SentencePair] {
        let english = lexicon.keys.sorted()
        return (0..<count).map { _ in
            let sentence = (0..<(lengths.lowerBound + indices.next(lengths.count))).map { _ in english[indices.next(english.count)] }
            return SentencePair(source: sentence.joined(separator: " ") + " .",
                                target: sentence.reversed().map { lexicon[$0]! }.joined(separator: " ") + " .")
        }
    }
}

/// One English sentence and its German translation, tokens separated by spaces.
package struct SentencePair {
    package var source: String
    package var target: String

    package init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}
