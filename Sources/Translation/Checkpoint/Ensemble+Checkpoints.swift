import Search
extension Ensemble {
    /// A checkpoint that cannot decode together with the first one named.
    public struct Mismatch: Error, CustomStringConvertible {
        public var path: String
        public var first: String
        public var reason: String
        public var description: String { "\(path) cannot join an ensemble with \(first): \(reason)" }
    }

    /// The models of `checkpoints` (loaded, `paths[i]` for each), which must share the first's
    /// text processing: settings, vocabularies, BPE merges and SentencePiece models, so that the same source ids mean
    /// the same words to every member and their target ids can be averaged.
    public init(checkpoints: [ModelCheckpoint], paths: [String], weights: [Float]? = nil) throws {
        let first = checkpoints[0].codec
        for (checkpoint, path) in zip(checkpoints, paths).dropFirst() {
            let codec = checkpoint.codec
            let reason: String? =
                codec.settings != first.settings ? "its text settings (languages, lowercasing, segmentation) differ"
                : codec.sourceVocabulary != first.sourceVocabulary ? "its source vocabulary differs (\(codec.sourceVocabulary.count) vs \(first.sourceVocabulary.count) units)"
                : codec.targetVocabulary != first.targetVocabulary ? "its target vocabulary differs (\(codec.targetVocabulary.count) vs \(first.targetVocabulary.count) units)"
                : codec.sourceMerges != first.sourceMerges || codec.targetMerges != first.targetMerges ? "its BPE merges differ"
                : codec.sourceSentencePiece != first.sourceSentencePiece || codec.targetSentencePiece != first.targetSentencePiece
                    ? "its SentencePiece models differ"
                : nil
            if let reason { throw Mismatch(path: path, first: paths[0], reason: reason) }
        }
        self.init(models: checkpoints.map(\.model), weights: weights)
    }
}
