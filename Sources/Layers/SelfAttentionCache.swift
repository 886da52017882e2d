import Autodiff

/// The keys and values of one decoder layer's self-attention over the steps decoded so far, for
/// R rows (hypotheses): what incremental decoding keeps per layer.
///
/// Nothing is copied as decoding goes on: step i's keys and values stay in the [Rᵢ, d] tensors
/// that projected them, and row r reads its history through its lineage, the row of each earlier
/// step it descends from. Reordering beams or dropping finished sentences rewrites the lineage
/// only, t integers per row rather than t·d floats of keys and as many of values.
package final class SelfAttentionCache {
    /// Step i's keys and values [Rᵢ, d].
    private(set) var keys: [Tensor] = []
    private(set) var values: [Tensor] = []
    /// [R, t] row-major: lineage[r·t + i] is the row of step i on row r's history.
    private(set) var lineage: [Int32] = []
    /// R: rows of the next step.
    private(set) var rows = 0

    package init() {}

    /// t: steps cached.
    var steps: Int { keys.count }

    /// Appends one step's keys and values [R, d]; row r of the step is on row r's history.
    func append(keys newKeys: Tensor, values newValues: Tensor) {
        precondition(keys.isEmpty || newKeys.rows == rows, "a step of \(newKeys.rows) rows after steps of \(rows)")
        let t = steps, r = newKeys.rows
        var extended = [Int32](repeating: 0, count: r * (t + 1))
        for row in 0..<r {
            for i in 0..<t { extended[row * (t + 1) + i] = lineage[row * t + i] }
            extended[row * (t + 1) + t] = Int32(row)
        }
        lineage = extended
        keys.append(newKeys)
        values.append(newValues)
        rows = r
    }

    /// Row r of every cached step continues from row rows[r] (beams reordered, finished
    /// sentences dropped): the lineage [R, t] becomes [rows.count, t].
    package func continueRows(_ from: [Int32]) {
        let t = steps
        guard t > 0 else { return }
        if from.count == rows && from.indices.allSatisfy({ from[$0] == Int32($0) }) { return }
        var reordered = [Int32](repeating: 0, count: from.count * t)
        for (row, source) in from.enumerated() {
            precondition(source >= 0 && Int(source) < rows, "row \(source) of \(rows)")
            for i in 0..<t { reordered[row * t + i] = lineage[Int(source) * t + i] }
        }
        lineage = reordered
        rows = from.count
    }
}
