/// A dense, row-major, contiguous Float32 tensor that can take part in reverse-mode
/// differentiation.
///
/// Storage comes from `BufferPool` and goes back to it when the tensor dies. The gradient buffer
/// is allocated (zero-filled) the first time a backward rule writes to it.
public final class Tensor {
    public let shape: [Int]
    public let count: Int
    /// The values, `count` floats in row-major order.
    public let data: UnsafeMutablePointer<Float>
    /// dLoss/dself, same layout as `data`; nil until a gradient reaches this tensor.
    public private(set) var grad: UnsafeMutablePointer<Float>?
    /// True for parameters and watched leaves, and for every value a tape recorded.
    public var requiresGrad: Bool
    /// The tape that records ops on this tensor: set by `Tape.watch` on leaves and by
    /// `Tape.record` on the outputs of recorded ops; nil for constants and in inference. Weak, so
    /// that tensors kept past a pass never keep its tape (and its rules) alive.
    public internal(set) weak var tape: Tape?
    /// The int8 form of a weight (an int8 checkpoint): inference multiplies by it instead of
    /// `data`, which then holds its dequantized values. nil for every other tensor.
    public internal(set) var int8: Int8Weight?
    /// The packed float32 form of a weight loaded for decoding (`Tensor.pack(units:)`): inference
    /// multiplies by it instead of `data`. nil for every other tensor.
    public internal(set) var packed: PackedWeight?

    /// An uninitialized tensor: kernels that write every element use this.
    public init(uninitialized shape: [Int], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.data = BufferPool.take(count)
        self.requiresGrad = requiresGrad
    }

    public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
        self.init(uninitialized: shape, requiresGrad: requiresGrad)
        data.update(repeating: 0, count: count)
    }

    public convenience init(shape: [Int], repeating value: Float, requiresGrad: Bool = false) {
        self.init(uninitialized: shape, requiresGrad: requiresGrad)
        data.update(repeating: value, count: count)
    }

    public convenience init(shape: [Int], values: [Float], requiresGrad: Bool = false) {
        self.init(uninitialized: shape, requiresGrad: requiresGrad)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    /// A scalar, shape [1].
    public convenience init(scalar: Float, requiresGrad: Bool = false) {
        self.init(shape: [1], values: [scalar], requiresGrad: requiresGrad)
    }

    deinit {
        BufferPool.give(data, count: count)
        if let grad { BufferPool.give(grad, count: count) }
    }

    /// Rows of a tensor seen as a matrix: all dimensions but the last.
    public var rows: Int { shape.count <= 1 ? 1 : count / shape[shape.count - 1] }
    /// The last dimension.
    public var columns: Int { shape.last ?? 1 }

    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }
    public var gradient: [Float]? { grad.map { Array(UnsafeBufferPointer(start: $0, count: count)) } }
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor of shape \(shape)")
        return data[0]
    }

    /// The gradient buffer, allocated and zero-filled on first use. Backward rules add into it.
    public func gradBuffer() -> UnsafeMutablePointer<Float> {
        if let grad { return grad }
        let buffer = BufferPool.take(count)
        buffer.update(repeating: 0, count: count)
        grad = buffer
        return buffer
    }

    /// The gradient buffer for a backward rule that will cover every element. If no gradient
    /// exists yet the buffer is handed out uninitialized and `fresh` is true: the rule must then
    /// write each element instead of adding (a GEMM with beta = 0), which saves zero-filling and
    /// re-reading large buffers such as the logits' gradient.
    public func gradBufferForOverwrite() -> (buffer: UnsafeMutablePointer<Float>, fresh: Bool) {
        if let grad { return (grad, false) }
        let buffer = BufferPool.take(count)
        grad = buffer
        return (buffer, true)
    }

    /// Adds value(i) to element i of the gradient, for every element, split across this thread's
    /// cores; when there is no gradient yet the values are written instead (no zero fill, no
    /// read). For elementwise backward rules, each of which covers every element.
    @inline(__always)
    public func addToGradient(_ value: (Int) -> Float) {
        let (dx, fresh) = gradBufferForOverwrite()
        Parallel.forEachChunk(count) { range in
            if fresh {
                for i in range { dx[i] = value(i) }
            } else {
                for i in range { dx[i] += value(i) }
            }
        }
    }

    /// Forgets the gradient (the optimizer calls this after each update).
    public func zeroGrad() {
        if let grad { grad.update(repeating: 0, count: count) }
    }

    /// A detached copy: same values, no gradient history.
    public func copy(requiresGrad: Bool = false) -> Tensor {
        let result = Tensor(uninitialized: shape, requiresGrad: requiresGrad)
        result.data.update(from: data, count: count)
        return result
    }

    /// Overwrites the values (e.g. loading a checkpoint).
    public func assign(_ values: [Float]) {
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = values.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(\(shape): [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
