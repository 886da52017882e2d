import Autodiff
import Foundation
@testable import Search
import Text

/// A decoder with fixed next-token probabilities: each row's distribution depends only on the
/// tokens it has produced so far (looked up by that prefix, longest match of the table's keys
/// falling back to `otherwise`), so that searches over it can be worked out by hand.
/// Vocabulary: pad 0, <s> 1, </s> 2, unk 3, a 4, b 5; pad, <s> and unk get 1e-9 each.
/// With `columns`, the logits hold only those ids (as a shortlist's session gives them).
struct StubSession: DecodingSession {
    static let a: Int32 = 4, b: Int32 = 5, vocabulary = 6
    let table: [[Int32]: [Int32: Double]]
    let otherwise: [Int32: Double]
    let sourceLength: Int
    let columns: [Int32]?
    /// The tokens each row has produced (without <s>).
    private(set) var histories: [[Int32]]

    init(sentences: Int, sourceLength: Int, table: [[Int32]: [Int32: Double]], otherwise: [Int32: Double],
         columns: [Int32]? = nil) {
        self.table = table
        self.otherwise = otherwise
        self.sourceLength = sourceLength
        self.columns = columns
        histories = [[Int32]](repeating: [], count: sentences)
    }

    var columnIDs: [Int32]? { columns }

    func probabilities(after history: [Int32]) -> [Int32: Double] { table[history] ?? otherwise }

    mutating func step(_ previous: [Int32]) -> (logits: Tensor, weights: Tensor) {
        precondition(previous.count == histories.count, "\(previous.count) tokens for \(histories.count) rows")
        var logits: [Float] = []
        let ids = columns ?? Array(0..<Int32(Self.vocabulary))
        for (row, token) in previous.enumerated() {
            if token != Vocabulary.startID { histories[row].append(token) }
            let p = probabilities(after: histories[row])
            for id in ids { logits.append(Float(Foundation.log(p[id] ?? 1e-9))) }
        }
        return (Tensor(shape: [previous.count, ids.count], values: logits),
                Tensor(zeros: [previous.count, sourceLength]))
    }

    mutating func continueRows(_ rows: [Int32]) { histories = rows.map { histories[Int($0)] } }

    mutating func keepSentences(_ sentences: [Int], of count: Int, rowsPerSentence: Int, repeats: Int) {}
}
