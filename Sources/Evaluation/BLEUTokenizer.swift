import Foundation

/// How BLEU splits a line into words before counting n-grams; sacrebleu's `tokenize=`.
public enum BLEUTokenizer: String, CaseIterable, Sendable {
    /// mteval-v13a tokenization (see ``Tokenizer13a``): sacrebleu's default.
    case thirteenA = "13a"
    /// No tokenization: words are the line's whitespace-separated runs, as in sacrebleu's
    /// `tokenize='none'`.
    case none = "none"

    /// The words of an already lowercased and right-stripped line.
    func words(_ line: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        switch self {
        case .thirteenA: return Tokenizer13a().tokenize(line)
        case .none: return PythonText.words(line)
        }
    }
}
