import Autodiff

/// How the server gathers concurrent requests into decoding batches (see `DynamicBatcher`).
public struct BatchingOptions: Sendable, Equatable {
    /// Sentences decoded together at most (`nmt translate --batch-size` decodes 64).
    public var batchSize = 64
    /// How long the oldest queued sentence may wait for others to join its batch.
    public var window: Duration = .milliseconds(5)
    /// Decoding threads, each with single-threaded matrix products.
    public var workers = Parallel.cores
    /// Sentences queued or being decoded at most (--max-queued-sentences); a request that would
    /// exceed it is answered 503 with Retry-After.
    public var maxQueuedSentences = 4096

    public init() {}
}
