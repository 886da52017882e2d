import CInt8Kernels

/// A weight matrix held as int8 with one Float32 scale per output unit (symmetric: w ≈ scale·q,
/// q in −127…127), packed once, when it is made, in the layout the int8 kernels read
/// (CInt8Kernels.h). What int8 decoding multiplies by; see `Int8Product`. The float tensor it
/// belongs to is [a, b]; `units` says which axis holds the output units (`WeightUnits`).
public final class Int8Weight: @unchecked Sendable {
    public let units: WeightUnits
    /// The float tensor's shape [a, b].
    public let shape: [Int]
    /// q in the float tensor's row-major layout, each in −127…127.
    public let values: [Int8]
    /// One per output unit: scale_j = max |w_j| / 127 (0 for an all-zero unit).
    public let scales: [Float]
    /// Output units n and inputs k.
    public let unitCount: Int
    public let inputCount: Int
    /// k rounded up to a multiple of 4: the length of a packed unit and of a quantized input row.
    let paddedInputs: Int
    /// The kernels' blocks of 16 units (CInt8Kernels.h) and each unit's Σ q.
    let packed: UnsafeMutablePointer<Int8>
    let sums: UnsafeMutablePointer<Int32>

    /// Wraps int8 values already quantized (an int8 checkpoint). Values must lie in −127…127 and
    /// scales be finite and ≥ 0, one per unit (the checkpoint loader checks; here a precondition).
    public init(shape: [Int], values: [Int8], scales: [Float], units: WeightUnits) {
        precondition(shape.count == 2 && values.count == shape[0] * shape[1], "int8 values \(values.count) for shape \(shape)")
        let (n, k) = units.sizes(shape: shape)
        precondition(scales.count == n, "\(scales.count) scales for \(n) output units")
        precondition(!values.contains(Int8.min), "int8 weights must lie in -127...127")
        precondition(k <= Int8Product.maximumInputs, "\(k) inputs: the int32 sums hold at most \(Int8Product.maximumInputs)")
        self.units = units
        self.shape = shape
        self.values = values
        self.scales = scales
        unitCount = n
        inputCount = k
        paddedInputs = Int(nmt_int8_padded_inputs(Int32(k)))
        packed = .allocate(capacity: max(1, nmt_int8_packed_bytes(Int32(n), Int32(k))))
        sums = .allocate(capacity: max(1, Int(nmt_int8_padded_units(Int32(n)))))
        let (unitStride, inputStride) = units.strides(shape: shape)
        values.withUnsafeBufferPointer {
            nmt_int8_pack($0.baseAddress, unitStride, inputStride, Int32(n), Int32(k), packed, sums)
        }
    }

    deinit {
        packed.deallocate()
        sums.deallocate()
    }

    /// Symmetric per-unit quantization of a float matrix: scale_j = max_p |w_jp| / 127,
    /// q_jp = round(w_jp / scale_j) (half away from zero).
    public static func quantizing(_ tensor: Tensor, units: WeightUnits) -> Int8Weight {
        precondition(tensor.shape.count == 2, "int8 weights are matrices, not \(tensor.shape)")
        let (n, k) = units.sizes(shape: tensor.shape)
        let (unitStride, inputStride) = units.strides(shape: tensor.shape)
        var scales = [Float](repeating: 0, count: n)
        var values = [Int8](repeating: 0, count: tensor.count)
        for j in 0..<n {
            var largest: Float = 0
            for p in 0..<k { largest = max(largest, abs(tensor.data[j * unitStride + p * inputStride])) }
            scales[j] = largest / 127
            guard largest > 0 else { continue }
            let inverse = 127 / largest
            for p in 0..<k {
                let index = j * unitStride + p * inputStride
                values[index] = Int8(min(127, max(-127, (tensor.data[index] * inverse).rounded())))
            }
        }
        return Int8Weight(shape: tensor.shape, values: values, scales: scales, units: units)
    }

    /// scale_j · q_jp in the float tensor's layout.
    public var dequantized: [Float] {
        let (unitStride, inputStride) = units.strides(shape: shape)
        var result = [Float](repeating: 0, count: values.count)
        for j in 0..<unitCount {
            for p in 0..<inputCount {
                let index = j * unitStride + p * inputStride
                result[index] = scales[j] * Float(values[index])
            }
        }
        return result
    }
}

extension Tensor {
    /// Makes this weight an int8 weight: its values become `weight`'s dequantized ones (so that
    /// everything reading `data` sees what int8 decoding multiplies by) and products that record
    /// nothing multiply by the int8 form (`Int8Product`).
    public func useInt8(_ weight: Int8Weight) {
        precondition(weight.shape == shape, "an int8 weight of shape \(weight.shape) for a tensor of shape \(shape)")
        assign(weight.dequantized)
        int8 = weight
    }

    /// The int8 form to multiply x by when x·op(self) has its output units along `units` and
    /// nothing is recorded; nil otherwise (a float weight, the other orientation, or training).
    @inline(__always)
    func int8Form(units: WeightUnits, input: Tensor) -> Int8Weight? {
        guard let int8, int8.units == units, tape == nil, input.tape == nil else { return nil }
        return int8
    }
}
