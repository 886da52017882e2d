extension Batch {
    /// The batch cut into `count` batches of consecutive sentences (sizes differ by at most one),
    /// each padded to its own longest sentence: what each data-parallel worker trains on. Fewer
    /// shares when the batch has fewer sentences than `count`.
    public func shares(_ count: Int) -> [Batch] {
        let parts = max(1, min(count, size))
        guard parts > 1 else { return [self] }
        var result: [Batch] = []
        var start = 0
        for part in 0..<parts {
            let end = start + (size - start) / (parts - part)
            let members = Array(start..<end)
            result.append(Batch(sources: members.map(sourceSentence), targets: targetLength == 0 ? nil : members.map(targetSentence),
                                indices: members.map { indices[$0] }))
            start = end
        }
        return result
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
