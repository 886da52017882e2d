import Text

extension Batch {
    /// The batch dealt into `count` batches, sentence b going to share b mod count (sizes differ
    /// by at most one), each padded to its own longest sentence: what each data-parallel worker
    /// trains on. Dealing rather than cutting gives every share the same mix of lengths (a batch
    /// is sorted by length), so the workers finish together. Fewer shares when the batch has
    /// fewer sentences than `count`.
    public func shares(_ count: Int) -> [Batch] {
        let parts = max(1, min(count, size))
        guard parts > 1 else { return [self] }
        return (0..<parts).map { part in
            let members = Array(stride(from: part, to: size, by: parts))
            return Batch(sources: members.map(sourceSentence), targets: targetLength == 0 ? nil : members.map(targetSentence),
                         indices: members.map { indices[$0] })
        }
    }

    /// Sentence b's source ids without `</s>` (the padded column read back).
    public func sourceSentence(_ b: Int) -> [Int32] {
        (0..<(sourceLengths[b] - 1)).map { sourceIDs[$0 * size + b] }
    }

    /// Sentence b's target ids without `</s>`.
    public func targetSentence(_ b: Int) -> [Int32] {
        (0..<(targetLengths[b] - 1)).map { targetOutput[$0 * size + b] }
    }
}
