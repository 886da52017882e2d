import Autodiff
import Layers

/// An output layer restricted to some target ids (a shortlist's candidates for one batch): its
/// weight columns and biases gathered once per batch, W_C [P, C] and b_C [C], so that each step
/// computes x·W_C + b_C instead of the full [P, V] product. Logits come back over the subset's
/// columns only, [R, C], column c scoring target id `ids[c]`: the searches' log-softmax and
/// top-k then run over C columns, not V.
package struct OutputSubset {
    package let ids: [Int32]
    let weight: Tensor  // [P, C]
    let bias: Tensor    // [C]

    /// For a projection y = x·W + b (W [P, V]), or, tied, y = x·Eᵀ + b with E [V, P].
    init(ids: [Int32], output: Linear?, embedding: Embedding, tiedBias: Tensor?) {
        self.ids = ids
        let c = ids.count
        if let output {
            let (p, v) = (output.weight.shape[0], output.weight.shape[1])
            weight = Tensor(uninitialized: [p, c])
            let (from, to) = (output.weight.data, weight.data)
            for row in 0..<p {
                for (column, id) in ids.enumerated() { to[row * c + column] = from[row * v + Int(id)] }
            }
        } else {
            let p = embedding.weight.shape[1]
            weight = Tensor(uninitialized: [p, c])
            let (from, to) = (embedding.weight.data, weight.data)
            for (column, id) in ids.enumerated() {
                for row in 0..<p { to[row * c + column] = from[Int(id) * p + row] }
            }
        }
        bias = Tensor(uninitialized: [c])
        let fullBias = output?.bias ?? tiedBias
        for (column, id) in ids.enumerated() { bias.data[column] = fullBias.map { $0.data[Int(id)] } ?? 0 }
    }

    /// x [R, P] → logits [R, C] of the subset's ids.
    func logits(_ x: Tensor) -> Tensor {
        Tensor.affine([(x, weight)], bias: bias)
    }
}
