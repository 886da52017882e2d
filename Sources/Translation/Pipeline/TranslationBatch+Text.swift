import Text

extension TranslationBatch {
    /// The model's view of a padded text batch (same time-major layout).
    public init(_ batch: Batch) {
        self.init(source: batch.sourceIDs, sourceLengths: batch.sourceLengths, targetInput: batch.targetInput,
                  targetOutput: batch.targetOutput, targetSteps: batch.targetLength)
    }
}
