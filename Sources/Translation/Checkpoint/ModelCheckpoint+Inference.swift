import Checkpoint

extension ModelCheckpoint {
    /// The checkpoint as inference needs it: the model with its weights, the codec, the
    /// configuration and the shortlist, without the file's tensors (a second copy of the weights
    /// and Adam's two moments, three times the model together), which only `restore(_:)` reads
    /// and which it then cannot. What a server keeps of each checkpoint it serves.
    public func forInference() -> ModelCheckpoint {
        ModelCheckpoint(configuration: configuration, codec: codec, model: model, state: state,
                        optimizerStep: optimizerStep, shortlist: shortlist, precision: precision, file: CheckpointFile())
    }
}
