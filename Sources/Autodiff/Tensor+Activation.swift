import Foundation

/// Elementwise activations. Each backward rule is written in terms of the input x and the output
/// y, whichever is cheaper: σ' = y(1 − y), tanh' = 1 − y², exp' = y, log' = 1/x, relu' = [x > 0].
extension Tensor {
    /// max(x, 0): the Transformer's feed-forward activation.
    public func relu() -> Tensor { map(ReLU.self) }
    public func sigmoid() -> Tensor { map(Sigmoid.self) }
    public func tanh() -> Tensor { map(Tanh.self) }
    public func exp() -> Tensor { map(Exponential.self) }
    public func log() -> Tensor { map(Logarithm.self) }

    /// y = f(x) elementwise; backward dx += G · f'(x, y). Generic over F so that each function is
    /// specialized and its loops vectorize (a closure would be called once per element).
    @inline(__always)
    private func map<F: ElementwiseFunction>(_: F.Type) -> Tensor {
        let x = self
        let y = Tensor(uninitialized: shape)
        let px = x.data, py = y.data
        Parallel.forEachChunk(count) { range in
            for i in range { py[i] = F.value(px[i]) }
        }
        Tape.record(y, inputs: [x]) {
            guard let g = y.grad else { return }
            x.addToGradient { i in g[i] * F.derivative(px[i], py[i]) }
        }
        return y
    }
}

/// An elementwise function f and its derivative, given x and y = f(x).
private protocol ElementwiseFunction {
    static func value(_ x: Float) -> Float
    static func derivative(_ x: Float, _ y: Float) -> Float
}

private enum ReLU: ElementwiseFunction {
    @inline(__always) static func value(_ x: Float) -> Float { Swift.max(x, 0) }
    @inline(__always) static func derivative(_ x: Float, _ y: Float) -> Float { x > 0 ? 1 : 0 }
}

private enum Sigmoid: ElementwiseFunction {
    @inline(__always) static func value(_ x: Float) -> Float { FastMath.sigmoid(x) }
    @inline(__always) static func derivative(_ x: Float, _ y: Float) -> Float { y * (1 - y) }
}

private enum Tanh: ElementwiseFunction {
    @inline(__always) static func value(_ x: Float) -> Float { FastMath.tanh(x) }
    @inline(__always) static func derivative(_ x: Float, _ y: Float) -> Float { 1 - y * y }
}

private enum Exponential: ElementwiseFunction {
    @inline(__always) static func value(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) static func derivative(_ x: Float, _ y: Float) -> Float { y }
}

private enum Logarithm: ElementwiseFunction {
    @inline(__always) static func value(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) static func derivative(_ x: Float, _ y: Float) -> Float { 1 / x }
}
