import Autodiff
import Checkpoint
import Model

extension ModelCheckpoint {
    /// The checkpoint as inference needs it: the model with its weights, the codec, the
    /// configuration and the shortlist, without the file's tensors (a second copy of the weights
    /// and Adam's two moments, three times the model together), which only `restore(_:)` reads
    /// and which it then cannot. A float32 model's matrices are packed for decoding in `precision`
    /// (`packForDecoding`): what `nmt translate`, `evaluate` and `serve` decode with. An int8
    /// model keeps its int8 forms, and takes only `.float32` here.
    public func forInference(precision packing: ProductPrecision = .float32) -> ModelCheckpoint {
        precondition(packing == .float32 || precision == .float32, "an int8 checkpoint has no float32 matrices to pack in \(packing)")
        if precision == .float32 { Self.packForDecoding(model, precision: packing) }
        return ModelCheckpoint(configuration: configuration, codec: codec, model: model, state: state,
                               optimizerStep: optimizerStep, shortlist: shortlist, precision: precision, file: CheckpointFile())
    }

    /// Gives every float32 matrix of `model` that decoding multiplies by its packed form in
    /// `precision` (`Tensor.pack`), so that decoding multiplies by weights packed once
    /// (`PackedProduct`) instead of OpenBLAS packing them again for every product. Embedding
    /// tables are only looked up, unless one doubles as the output layer
    /// (`Seq2Seq.outputEmbedding`), and stay unpacked. A copy of each matrix: the model must not
    /// be trained afterwards. `.bfloat16` needs `BFloat16GEMM.isSupported`. Returns how many were
    /// packed (a matrix packed already keeps its form).
    @discardableResult
    public static func packForDecoding(_ model: Seq2Seq, precision: ProductPrecision = .float32) -> Int {
        let outputTable = model.outputEmbedding
        var count = 0
        for (name, tensor) in model.namedParameters where tensor.shape.count == 2 && tensor.int8 == nil && tensor.packed == nil {
            let units = outputUnits(ofParameter: name)
            if units == .rows && tensor !== outputTable { continue }
            tensor.pack(units: units, precision: precision)
            count += 1
        }
        return count
    }
}
