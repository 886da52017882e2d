import CBFloat16Kernels
import CFloatKernels

/// A weight matrix packed once in the order a decoding kernel reads it, for decoding, where the
/// weights do not change: OpenBLAS would pack them again for every product. What
/// `PackedProduct` multiplies by, in one of two precisions:
/// - float32 (CFloatKernels.h): blocks of 16 output units, each block's values input by input;
/// - bfloat16 (CBFloat16Kernels.h): the same blocks, each block's values pair of inputs by pair,
///   a unit's two inputs rounded to bf16 side by side in one 32-bit word: half the bytes to
///   stream per product, the inputs of x rounded too, fp32 sums (`vdpbf16ps`).
/// The tensor it was packed from is [a, b]; `units` says which axis holds the output units. A
/// copy: the tensor must not change afterwards.
public final class PackedWeight: @unchecked Sendable {
    /// The packed values, in the layout of their precision's kernels.
    enum Values {
        /// nmt_float_packed_count(n, k) floats.
        case float32(UnsafeMutablePointer<Float>)
        /// nmt_bf16_packed_words(n, k) words, each a unit's pair of inputs in bf16.
        case bfloat16(UnsafeMutablePointer<UInt32>)
    }

    public let units: WeightUnits
    /// Output units n and inputs k.
    public let unitCount: Int
    public let inputCount: Int
    let values: Values

    /// Packs `tensor` in `precision`. bfloat16 only where the kernel runs (`BFloat16GEMM.isSupported`):
    /// a caller asked for bf16 on another CPU packs float32 instead (`DecodingPrecision`).
    public init(packing tensor: Tensor, units: WeightUnits, precision: ProductPrecision = .float32) {
        precondition(tensor.shape.count == 2, "packed weights are matrices, not \(tensor.shape)")
        precondition(precision == .float32 || BFloat16GEMM.isSupported, "a bf16 packed weight on a CPU without AVX-512 BF16")
        self.units = units
        (unitCount, inputCount) = units.sizes(shape: tensor.shape)
        let (unitStride, inputStride) = units.strides(shape: tensor.shape)
        let (n, k) = (Int32(unitCount), Int32(inputCount))
        switch precision {
        case .float32:
            let packed = UnsafeMutablePointer<Float>.allocate(capacity: max(1, nmt_float_packed_count(n, k)))
            nmt_float_pack(tensor.data, unitStride, inputStride, n, k, packed)
            values = .float32(packed)
        case .bfloat16:
            let packed = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, nmt_bf16_packed_words(n, k)))
            nmt_bf16_pack_weight(tensor.data, unitStride, inputStride, n, k, packed)
            values = .bfloat16(packed)
        }
    }

    /// The precision of the products by this weight.
    public var precision: ProductPrecision {
        switch values {
        case .float32: .float32
        case .bfloat16: .bfloat16
        }
    }

    deinit {
        switch values {
        case .float32(let packed): packed.deallocate()
        case .bfloat16(let packed): packed.deallocate()
        }
    }
}

extension Tensor {
    /// Packs this weight for decoding (`PackedWeight`, in `precision`): products that record
    /// nothing multiply by the packed copy. Only for weights that no longer change (a checkpoint
    /// loaded to translate).
    public func pack(units: WeightUnits, precision: ProductPrecision = .float32) {
        precondition(int8 == nil, "an int8 weight is already packed for its own kernels")
        packed = PackedWeight(packing: self, units: units, precision: precision)
    }

    /// The packed form to multiply x by when x·op(self) has its output units along `units` and
    /// nothing is recorded; nil otherwise (OpenBLAS multiplies by `data`). A float32 form only
    /// while x has fewer than `PackedProduct.rowLimit` rows (from there OpenBLAS is the faster);
    /// a bf16 form at any number of rows, so that a sentence's products stay in bf16 whatever the
    /// batch it is decoded in (and its kernel outruns sgemm there too: `nmt-bench core`, part (c)).
    @inline(__always)
    func packedForm(units: WeightUnits, input: Tensor) -> PackedWeight? {
        guard let packed, packed.units == units, tape == nil, input.tape == nil else { return nil }
        guard input.rows < PackedProduct.rowLimit || packed.precision == .bfloat16 else { return nil }
        return packed
    }
}
