import Text

extension TranslationBatch {
    /// The model's view of a padded text batch (same time-major layout).
    public init(_ batch: Batch) {
        self.init(source: batch.sourceIDs, sourceLengths: batch.sourceLengths, targetInput: batch.targetInput,
                  targetOutput: batch.targetOutput, targetSteps: batch.targetLength)
    }

    /// A source-only batch of sentences that already end in </s> (what the searches take),
    /// padded by `Batch` like every other batch.
    public init(sourcesEndingInEOS sources: [[Int32]]) {
        precondition(sources.allSatisfy { $0.last == SpecialTokens.eos }, "every source must end in </s>")
        self.init(Batch(sources: sources.map { Array($0.dropLast()) }, targets: nil, indices: Array(sources.indices)))
    }
}
