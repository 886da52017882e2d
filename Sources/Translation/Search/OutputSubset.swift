import Autodiff
import Layers

/// An output layer restricted to some target ids (a shortlist's candidates for one batch): its
/// weight columns and biases gathered once per batch, W_C [P, C] and b_C [C], so that each step
/// computes x·W_C + b_C instead of the full [P, V] product. Logits come back over the whole
/// vocabulary, −∞ outside the subset, so that the searches need not know.
struct OutputSubset {
    let ids: [Int32]
    let weight: Tensor  // [P, C]
    let bias: Tensor    // [C]
    let vocabularySize: Int

    /// For a projection y = x·W + b (W [P, V]), or, tied, y = x·Eᵀ + b with E [V, P].
    init(ids: [Int32], output: Linear?, embedding: Embedding, tiedBias: Tensor?) {
        self.ids = ids
        let c = ids.count
        if let output {
            let (p, v) = (output.weight.shape[0], output.weight.shape[1])
            vocabularySize = v
            weight = Tensor(uninitialized: [p, c])
            let (from, to) = (output.weight.data, weight.data)
            for row in 0..<p {
                for (column, id) in ids.enumerated() { to[row * c + column] = from[row * v + Int(id)] }
            }
        } else {
            let (v, p) = (embedding.weight.shape[0], embedding.weight.shape[1])
            vocabularySize = v
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

    /// x [R, P] → logits [R, V]: the subset's scores in their columns, −∞ elsewhere.
    func logits(_ x: Tensor) -> Tensor {
        let scores = Tensor.affine([(x, weight)], bias: bias)
        let r = x.rows, c = ids.count, v = vocabularySize
        let full = Tensor(shape: [r, v], repeating: -.infinity)
        for row in 0..<r {
            let (from, to) = (scores.data + row * c, full.data + row * v)
            for (column, id) in ids.enumerated() { to[Int(id)] = from[column] }
        }
        return full
    }
}
