import Autodiff
import Layers
import Model

package extension Memory {
    /// The memory of some of its sentences, each sentence's rows repeated: what a search keeps
    /// when it gives every sentence k beams, and when finished sentences leave the batch.
    ///
    /// This memory is time-major with `rowsPerSentence` rows per sentence (g: 1 for the encoder's
    /// memory, or one per beam) for each of `count` sentences: row i·(count·g) + s·g + j. The
    /// result has `repeats` rows (r) for each of `sentences`: row i·(n·r) + q·r + j comes from
    /// sentence sentences[q], its row j if g = r, its only row if g = 1.
    /// `lengths`: the source length of each of `sentences`.
    func selecting(_ sentences: [Int], of count: Int, rowsPerSentence g: Int, repeats r: Int, lengths: [Int]) -> Memory {
        precondition(g == 1 || g == r, "rows per sentence \(g) for \(r) repeats")
        let steps = layout.steps
        let rowsPerStep = sentences.count * r
        var rows = [Int32](repeating: 0, count: steps * rowsPerStep)
        for i in 0..<steps {
            for (q, sentence) in sentences.enumerated() {
                for j in 0..<r {
                    rows[i * rowsPerStep + q * r + j] = Int32(i * count * g + sentence * g + (g == 1 ? 0 : j))
                }
            }
        }
        return Memory(values: values.gatherRows(rows), keys: keys.gatherRows(rows), mask: rows.map { mask[Int($0)] },
                      layout: SequenceLayout(lengths: lengths.flatMap { [Int](repeating: $0, count: r) }, steps: steps))
    }
}
