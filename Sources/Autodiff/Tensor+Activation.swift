import Foundation

/// Elementwise activations. Each backward rule is written in terms of the input x and the output
/// y, whichever is cheaper: σ' = y(1 − y), tanh' = 1 − y², exp' = y, log' = 1/x, relu' = [x > 0].
extension Tensor {
    /// max(x, 0): the Transformer's feed-forward activation.
    public func relu() -> Tensor { map({ Swift.max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 }) }
    public func sigmoid() -> Tensor { map({ FastMath.sigmoid($0) }, derivative: { _, y in y * (1 - y) }) }
    public func tanh() -> Tensor { map({ FastMath.tanh($0) }, derivative: { _, y in 1 - y * y }) }
    public func exp() -> Tensor { map({ Foundation.exp($0) }, derivative: { _, y in y }) }
    public func log() -> Tensor { map({ Foundation.log($0) }, derivative: { x, _ in 1 / x }) }

    /// y = f(x) elementwise; backward dx += G · f'(x, y).
    @inline(__always)
    private func map(_ f: @escaping (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Tensor {
        let x = self
        let y = Tensor(uninitialized: shape)
        let px = x.data, py = y.data
        Parallel.forEachChunk(count) { range in
            for i in range { py[i] = f(px[i]) }
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            let dx = x.gradBuffer()
            Parallel.forEachChunk(x.count) { range in
                for i in range { dx[i] += g[i] * derivative(px[i], py[i]) }
            }
        }
        return y
    }
}
