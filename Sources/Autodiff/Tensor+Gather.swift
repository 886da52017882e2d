/// Row gather: embedding lookup, and the per-sentence reversal of a time-major batch.
extension Tensor {
    /// table: [V, D], indices: N row numbers → [N, D] with row i = table[indices[i]].
    /// Backward scatter-adds: dtable[indices[i]] += G[i] (a row used twice gets both).
    public func gatherRows(_ indices: [Int32]) -> Tensor {
        let table = self
        let d = columns, vocabulary = rows
        let y = Tensor(uninitialized: [indices.count, d])
        for (i, index) in indices.enumerated() {
            precondition(index >= 0 && Int(index) < vocabulary, "row \(index) of a table with \(vocabulary) rows")
            (y.data + i * d).update(from: table.data + Int(index) * d, count: d)
        }
        Tape.record(y, inputs: [table]) {
            guard let g = y.grad else { return }
            let dt = table.gradBuffer()
            for (i, index) in indices.enumerated() {
                let src = g + i * d, dst = dt + Int(index) * d
                for c in 0..<d { dst[c] += src[c] }
            }
        }
        return y
    }
}
