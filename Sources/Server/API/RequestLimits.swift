/// What one request may ask for; anything beyond is refused with 413 (sizes) or 400 (the beam),
/// before any decoding. Each is an `nmt serve` option; `maxBeam` lies within
/// `SearchSettings.Limits.beam`, as every beam does.
public struct RequestLimits: Sendable, Equatable {
    /// Bytes of one request body (--max-body-bytes).
    public var maxBodyBytes = 1 << 20
    /// Sentences in one request (--max-sentences).
    public var maxSentences = 100
    /// Characters of one sentence (--max-sentence-length). The model itself cuts or skips
    /// sentences beyond its `translation.max_input_length` units, as `nmt translate` does.
    public var maxSentenceLength = 1000
    /// Largest beam a request may ask for (--max-beam): each step costs beam × the greedy work.
    public var maxBeam = 10

    public init() {}
}
