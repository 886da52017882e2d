import Autodiff

/// The Transformer's attention block (Vaswani et al., 2017): H heads of scaled dot-product
/// attention, each on its own d/H-wide projections of queries, keys and values, their contexts
/// concatenated and projected back to d. Projections have no bias.
///   head_h = softmax(Q W_qʰ (K W_kʰ)ᵀ / √(d/H)) V W_vʰ,  out = [head_1; …; head_H] W_o
/// Sequences are time-major [T·B, d]. Self-attention passes the same rows as queries and
/// keys; cross-attention projects the encoder's output once per batch (`keysAndValues`).
public final class MultiHeadAttention: Layer {
    public let heads: Int
    public let queryWeight: Tensor   // [d, d]: the H query projections side by side
    public let keyWeight: Tensor     // [d, d]
    public let valueWeight: Tensor   // [d, d]
    public let outputWeight: Tensor  // [d, d]

    public init(size d: Int, heads: Int, using generator: inout SeededGenerator) {
        precondition(heads > 0 && d % heads == 0, "\(heads) heads do not divide a width of \(d)")
        self.heads = heads
        queryWeight = Initializer.xavierUniform([d, d], using: &generator)
        keyWeight = Initializer.xavierUniform([d, d], using: &generator)
        valueWeight = Initializer.xavierUniform([d, d], using: &generator)
        outputWeight = Initializer.xavierUniform([d, d], using: &generator)
    }

    public var size: Int { queryWeight.rows }

    /// 1/√(d/H): the scores' scale, a head being d/H wide.
    var scale: Float { 1 / Float(size / heads).squareRoot() }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("w_query", queryWeight), ("w_key", keyWeight), ("w_value", valueWeight), ("w_output", outputWeight)]
    }

    /// Projected keys and values of rows x [T·B, d]: each [T·B, d].
    public func keysAndValues(_ x: Tensor) -> (keys: Tensor, values: Tensor) {
        (Tensor.affine([(x, keyWeight)]), Tensor.affine([(x, valueWeight)]))
    }

    /// Queries x [Tq·B, d] attending to projected keys and values [Tk·B, d] (see
    /// `Tensor.multiHeadAttention` for the masks) → output [Tq·B, d] and weights [B, H, Tq, Tk].
    public func callAsFunction(_ x: Tensor, keys: Tensor, values: Tensor, batch: Int, keyMask: [Float],
                               causal: Bool = false) -> (output: Tensor, weights: Tensor) {
        let queries = Tensor.affine([(x, queryWeight)])
        let (context, weights) = Tensor.multiHeadAttention(
            queries: queries, keys: keys, values: values, batch: batch, heads: heads, keyMask: keyMask,
            causal: causal, scale: scale)
        return (Tensor.affine([(context, outputWeight)]), weights)
    }

    /// Self-attention of x [T·B, d] over its own rows.
    public func selfAttention(_ x: Tensor, batch: Int, keyMask: [Float], causal: Bool) -> (output: Tensor, weights: Tensor) {
        let (keys, values) = keysAndValues(x)
        return self(x, keys: keys, values: values, batch: batch, keyMask: keyMask, causal: causal)
    }
}

/// Mean over the heads of attention weights [B, H, Tq, Tk] → [B·Tq, Tk] (row b·Tq + t): what a
/// heat map shows. A plain value: nothing is recorded.
public func meanOverHeads(_ weights: Tensor) -> Tensor {
    precondition(weights.shape.count == 4, "meanOverHeads of \(weights.shape)")
    let (b, h, tq, tk) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
    let mean = Tensor(zeros: [b * tq, tk])
    let scale = 1 / Float(h)
    for sentence in 0..<b {
        for head in 0..<h {
            let source = weights.data + ((sentence * h + head) * tq) * tk
            let destination = mean.data + sentence * tq * tk
            for i in 0..<(tq * tk) { destination[i] += scale * source[i] }
        }
    }
    return mean
}
