import Text

/// One padded batch of B sentence pairs, laid out time-major for the model: element `t * B + b`
/// of a [T × B] array is time step t of the batch's sentence b. Shapes:
///
/// - `sourceIDs`: [S × B], sentence b is `x1 … xm </s>` followed by `<pad>` (0) up to S;
/// - `sourceLengths`: [B], m + 1 (the `</s>` counts); S is their maximum;
/// - `sourceMask`: [S × B], 1 on real tokens, 0 on padding;
/// - `targetInput`: [T × B], `<s> y1 … yn` then padding (what the decoder is fed);
/// - `targetOutput`: [T × B], `y1 … yn </s>` then padding (what it must predict);
/// - `targetLengths`: [B], n + 1; T is their maximum;
/// - `targetMask`: [T × B], 1 where `targetOutput` holds a real token.
///
/// `indices[b]` is the position of sentence b in the list the batch was made from, so outputs can
/// be put back in input order. Source-only batches (for translation) have T = 0 and empty
/// target arrays.
public struct Batch: Sendable {
    public var indices: [Int]
    public var sourceLength: Int
    public var sourceIDs: [Int32]
    public var sourceLengths: [Int]
    public var sourceMask: [Float]
    public var targetLength: Int
    public var targetInput: [Int32]
    public var targetOutput: [Int32]
    public var targetLengths: [Int]
    public var targetMask: [Float]

    /// Number of sentences, B.
    public var size: Int { indices.count }

    /// Real (unpadded) target tokens, `</s>` included: the tokens a training step's loss covers.
    public var targetTokenCount: Int { targetLengths.reduce(0, +) }

    /// Real source tokens, `</s>` included.
    public var sourceTokenCount: Int { sourceLengths.reduce(0, +) }

    /// Pads `sources[b]` and `targets[b]` (ids without `<s>` or `</s>`) into a batch;
    /// `targets` nil makes a source-only batch. `indices[b]` travels with sentence b.
    public init(sources: [[Int32]], targets: [[Int32]]?, indices: [Int]) {
        precondition(sources.count == indices.count, "one index per sentence")
        precondition(targets == nil || targets!.count == sources.count, "one target per source")
        let batchSize = sources.count
        self.indices = indices

        sourceLengths = sources.map { $0.count + 1 }
        sourceLength = sourceLengths.max() ?? 0
        var sourceIDs = [Int32](repeating: Vocabulary.padID, count: sourceLength * batchSize)
        var sourceMask = [Float](repeating: 0, count: sourceLength * batchSize)
        for (b, sentence) in sources.enumerated() {
            for (t, id) in sentence.enumerated() {
                sourceIDs[t * batchSize + b] = id
                sourceMask[t * batchSize + b] = 1
            }
            sourceIDs[sentence.count * batchSize + b] = Vocabulary.endID
            sourceMask[sentence.count * batchSize + b] = 1
        }
        self.sourceIDs = sourceIDs
        self.sourceMask = sourceMask

        guard let targets else {
            targetLength = 0
            targetInput = []
            targetOutput = []
            targetLengths = []
            targetMask = []
            return
        }
        targetLengths = targets.map { $0.count + 1 }
        targetLength = targetLengths.max() ?? 0
        var input = [Int32](repeating: Vocabulary.padID, count: targetLength * batchSize)
        var output = input
        var mask = [Float](repeating: 0, count: targetLength * batchSize)
        for (b, sentence) in targets.enumerated() {
            input[b] = Vocabulary.startID
            for (t, id) in sentence.enumerated() {
                input[(t + 1) * batchSize + b] = id
                output[t * batchSize + b] = id
            }
            output[sentence.count * batchSize + b] = Vocabulary.endID
            for t in 0...sentence.count { mask[t * batchSize + b] = 1 }
        }
        targetInput = input
        targetOutput = output
        targetMask = mask
    }

    /// A source-only batch of sentences that already end in `</s>` (what the searches take).
    public init(sourcesEndingInEOS sources: [[Int32]]) {
        precondition(sources.allSatisfy { $0.last == Vocabulary.endID }, "every source must end in </s>")
        self.init(sources: sources.map { Array($0.dropLast()) }, targets: nil, indices: Array(sources.indices))
    }

    /// A batch already laid out time-major: `sourceIDs` [S × B], `targetInput` and
    /// `targetOutput` [T × B], with each sentence's real lengths (S and T are their maxima); the
    /// masks follow from the lengths, and `indices` are 0 ..< B.
    public init(sourceIDs: [Int32], sourceLengths: [Int], targetInput: [Int32], targetOutput: [Int32], targetLengths: [Int]) {
        let batchSize = sourceLengths.count
        indices = Array(0..<batchSize)
        self.sourceIDs = sourceIDs
        self.sourceLengths = sourceLengths
        sourceLength = sourceIDs.count / max(batchSize, 1)
        self.targetInput = targetInput
        self.targetOutput = targetOutput
        self.targetLengths = targetLengths
        targetLength = targetInput.count / max(batchSize, 1)
        func mask(_ lengths: [Int], steps: Int) -> [Float] {
            var mask = [Float](repeating: 0, count: steps * batchSize)
            for (b, length) in lengths.enumerated() { for t in 0..<length { mask[t * batchSize + b] = 1 } }
            return mask
        }
        sourceMask = mask(sourceLengths, steps: sourceLength)
        targetMask = mask(targetLengths, steps: targetLength)
    }
}
