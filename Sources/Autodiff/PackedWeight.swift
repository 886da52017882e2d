import CFloatKernels

/// A float32 weight matrix packed once in the order the float kernels read it (CFloatKernels.h:
/// blocks of 16 output units, each block's values input by input), for decoding, where the
/// weights do not change: OpenBLAS would pack them again for every product. What
/// `PackedProduct` multiplies by. The tensor it was packed from is [a, b]; `units` says which
/// axis holds the output units. A copy: the tensor must not change afterwards.
public final class PackedWeight: @unchecked Sendable {
    public let units: WeightUnits
    /// Output units n and inputs k.
    public let unitCount: Int
    public let inputCount: Int
    /// nmt_float_packed_count(n, k) floats.
    let packed: UnsafeMutablePointer<Float>

    public init(packing tensor: Tensor, units: WeightUnits) {
        precondition(tensor.shape.count == 2, "packed weights are matrices, not \(tensor.shape)")
        self.units = units
        (unitCount, inputCount) = units.sizes(shape: tensor.shape)
        let (unitStride, inputStride) = units.strides(shape: tensor.shape)
        packed = .allocate(capacity: max(1, nmt_float_packed_count(Int32(unitCount), Int32(inputCount))))
        nmt_float_pack(tensor.data, unitStride, inputStride, Int32(unitCount), Int32(inputCount), packed)
    }

    deinit { packed.deallocate() }
}

extension Tensor {
    /// Packs this weight for decoding (`PackedWeight`): products that record nothing multiply by
    /// the packed copy. Only for weights that no longer change (a checkpoint loaded to translate).
    public func pack(units: WeightUnits) {
        precondition(int8 == nil, "an int8 weight is already packed for its own kernels")
        packed = PackedWeight(packing: self, units: units)
    }

    /// The packed form to multiply x by when x·op(self) has its output units along `units`,
    /// nothing is recorded and x has fewer than `PackedProduct.rowLimit` rows; nil otherwise
    /// (OpenBLAS multiplies by `data`).
    @inline(__always)
    func packedForm(units: WeightUnits, input: Tensor) -> PackedWeight? {
        guard let packed, packed.units == units, tape == nil, input.tape == nil,
              input.rows < PackedProduct.rowLimit else { return nil }
        return packed
    }
}
