import Autodiff

/// One step of incremental decoding: R rows, one new position each (inference only).
extension MultiHeadAttention {
    /// Self-attention of this step's rows x [R, d]: their keys and values join `cache`, and each
    /// row attends to every step on its own history, this one included → [R, d].
    package func step(_ x: Tensor, cache: SelfAttentionCache) -> Tensor {
        let (newKeys, newValues) = keysAndValues(x)
        cache.append(keys: newKeys, values: newValues)
        let t = cache.steps, d = size
        let keyBases = cache.keys.map { UnsafePointer($0.data) }
        let valueBases = cache.values.map { UnsafePointer($0.data) }
        let context = cache.lineage.withUnsafeBufferPointer { lineage in
            Tensor.oneStepAttention(
                queries: Tensor.affine([(x, queryWeight)]), heads: heads, valueWidth: d / heads, count: t,
                scale: scale, keepWeights: false,
                key: { row, i in keyBases[i] + Int(lineage[row * t + i]) * d },
                value: { row, i in valueBases[i] + Int(lineage[row * t + i]) * d }).context
        }
        return Tensor.affine([(context, outputWeight)])
    }

    /// Cross-attention of this step's rows x [R, d] to the projected keys and values of
    /// columns.sentences sentences [S·Bm, d] (time-major: row i·Bm + c is position i of sentence
    /// c) under keyMask [S·Bm]; row r attends to sentence columns.columns[r] where it lies (the k
    /// beams of a sentence share its memory) → output [R, d] and the weights averaged over the
    /// heads [R, S].
    package func step(_ x: Tensor, keys: Tensor, values: Tensor, keyMask: [Float],
                      columns: MemoryColumns) -> (output: Tensor, meanWeights: Tensor) {
        let d = size, b = columns.sentences, s = keys.rows / max(b, 1)
        precondition(keys.rows == s * b && values.rows == s * b && keyMask.count == s * b && columns.columns.count == x.rows,
                     "cross-attention step: \(x.rows) rows reading \(columns.columns.count), keys \(keys.shape), values \(values.shape), mask \(keyMask.count), \(b) sentences")
        let k = UnsafePointer(keys.data), v = UnsafePointer(values.data)
        let (context, weights) = keyMask.withUnsafeBufferPointer { mask in
            columns.columns.withUnsafeBufferPointer { column in
                Tensor.oneStepAttention(
                    queries: Tensor.affine([(x, queryWeight)]), heads: heads, valueWidth: d / heads, count: s,
                    scale: scale, keepWeights: true,
                    key: { row, i in
                        let at = i * b + Int(column[row])
                        return mask[at] != 0 ? k + at * d : nil
                    },
                    value: { row, i in v + (i * b + Int(column[row])) * d })
            }
        }
        return (Tensor.affine([(context, outputWeight)]), weights!)
    }
}
