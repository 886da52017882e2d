/// What one request may ask for; anything beyond is refused with 413 (sizes) or 400 (the beam),
/// before any decoding. Each is an `nmt serve` option; `maxBeam` lies within
/// `SearchSettings.Limits.beam`, as every beam does.
public struct RequestLimits: Sendable, Equatable {
    /// Bytes of one request body (--max-body-bytes).
    public var maxBodyBytes = 1 << 20
    /// Sentences in one request, after a text is split into sentences (--max-sentences).
    public var maxSentences = 100
    /// Unicode scalars of one sentence (--max-sentence-length): not grapheme clusters, which a
    /// letter followed by any number of combining marks would keep at one. The model itself cuts
    /// or skips sentences beyond its `translation.max_input_length` units, as `nmt translate` does.
    public var maxSentenceLength = 1000
    /// Largest beam a request may ask for (--max-beam): each step costs beam × the greedy work.
    public var maxBeam = 10
    /// Attention weights one request may ask for, counted as the most it could receive: for each
    /// sentence, (source units + 1) × the longest output its settings allow
    /// (--max-attention-weights).
    public var maxAttentionWeights = 1_000_000
    /// How long a request may wait for its translations, from when its body is read
    /// (--deadline-ms); then it is answered 504 and its sentences leave the queue.
    public var deadline: Duration = .seconds(60)

    public init() {}
}
