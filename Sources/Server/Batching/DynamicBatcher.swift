import Foundation
import Translation

/// Gathers the sentences of concurrent requests into decoding batches (dynamic batching).
///
/// Requests queue in arrival order, each cut into pieces of at most `batchSize` sentences. A
/// worker asking for work gets a batch as soon as the pieces queued with the oldest piece's key
/// fill one, or once that piece has waited `window`: requests arriving within the window are
/// decoded together, and a lone request waits at most the window. A batch holds pieces of one
/// key only (requests with other search settings cannot share its beams), in arrival order, and
/// at most `batchSize` sentences; a large request is spread over several batches, and so over
/// several workers.
///
/// The batcher holds at most `maxPendingSentences` sentences that are queued or being decoded:
/// a request that would exceed it is refused at once (the server answers 503), so overload
/// costs neither memory nor waiting. A request whose client left or whose deadline passed is
/// cancelled: its queued sentences leave the queue undecoded, and outputs of its sentences
/// already being decoded are dropped.
///
/// Thread-safe; workers block in `nextBatch()`, request handlers never do.
final class DynamicBatcher<Key: Hashable, Output>: @unchecked Sendable {
    /// Sentences of one or more requests, decoded together; hand the outputs back with
    /// `deliver(_:for:)`, one per sentence in this order.
    struct Batch {
        let key: Key
        let sentences: [String]
        fileprivate let pieces: [Piece]
    }

    let batchSize: Int
    let window: Duration
    let maxPendingSentences: Int
    private let condition = NSCondition()
    private var queue: [Piece] = []
    /// Sentences queued per key, so that a waiting worker sees at once when a batch is full.
    private var queuedSentences: [Key: Int] = [:]
    /// Sentences queued or being decoded.
    private var pendingSentences = 0
    private var stopping = false
    private var statistics = Statistics()

    /// What has been decoded so far: batches formed and their sentences; and what was refused
    /// or cancelled.
    struct Statistics: Equatable {
        var batches = 0
        var sentences = 0
        var largestBatch = 0
        /// Sentences of requests refused because the batcher was full.
        var refusedSentences = 0
        /// Queued sentences removed undecoded because their request was cancelled.
        var cancelledSentences = 0
    }

    /// A submitted request, to cancel it.
    struct Submission {
        fileprivate let request: Request?
    }

    /// `submit` found no room: `pending` sentences are queued or being decoded, the request
    /// brought `requested`, and at most `limit` may be.
    struct Full: Error, Equatable {
        var pending: Int
        var requested: Int
        var limit: Int
    }

    init(batchSize: Int, window: Duration, maxPendingSentences: Int = .max) {
        precondition(batchSize >= 1, "a batch holds at least one sentence")
        precondition(maxPendingSentences >= 1, "the batcher holds at least one sentence")
        self.batchSize = batchSize
        self.window = window
        self.maxPendingSentences = maxPendingSentences
    }

    /// Queues `sentences`; `completion` receives their outputs, in order, on the thread of the
    /// worker that decodes the last of them (at once, on this thread, when there are none).
    /// Throws `Full`, without queueing anything, when they would take the sentences queued or
    /// being decoded beyond `maxPendingSentences`.
    @discardableResult
    func submit(_ sentences: [String], key: Key, completion: @escaping @Sendable ([Output]) -> Void) throws -> Submission {
        guard !sentences.isEmpty else {
            completion([])
            return Submission(request: nil)
        }
        let request = Request(sentences: sentences, completion: completion)
        let arrival = ContinuousClock.now
        condition.lock()
        defer { condition.unlock() }
        guard sentences.count <= maxPendingSentences - pendingSentences else {
            statistics.refusedSentences += sentences.count
            throw Full(pending: pendingSentences, requested: sentences.count, limit: maxPendingSentences)
        }
        for start in stride(from: 0, to: sentences.count, by: batchSize) {
            queue.append(Piece(request: request, key: key, range: start..<min(start + batchSize, sentences.count), arrival: arrival))
        }
        queuedSentences[key, default: 0] += sentences.count
        pendingSentences += sentences.count
        condition.broadcast()
        return Submission(request: request)
    }

    /// Cancels a submitted request: its queued sentences leave the queue undecoded, the outputs
    /// of those being decoded will be dropped, and its completion is never called. Returns
    /// false when it had already been completed or cancelled.
    @discardableResult
    func cancel(_ submission: Submission) -> Bool {
        guard let request = submission.request else { return false }
        condition.lock()
        defer { condition.unlock() }
        guard !request.cancelled, request.remaining > 0 else { return false }
        request.cancelled = true
        var removed = 0
        queue.removeAll { piece in
            guard piece.request === request else { return false }
            queuedSentences[piece.key, default: 0] -= piece.range.count
            if queuedSentences[piece.key] == 0 { queuedSentences[piece.key] = nil }
            removed += piece.range.count
            return true
        }
        request.remaining -= removed
        pendingSentences -= removed
        statistics.cancelledSentences += removed
        return true
    }

    /// Sentences queued or being decoded now.
    var pendingSentenceCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return pendingSentences
    }

    /// The next batch, waiting for one as described above; nil once `stop()` was called and the
    /// queue is empty.
    func nextBatch() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let oldest = queue.first {
                let due = oldest.arrival + window
                if stopping || queuedSentences[oldest.key, default: 0] >= batchSize || ContinuousClock.now >= due {
                    let batch = takeBatch(key: oldest.key)
                    if !queue.isEmpty { condition.signal() }
                    return batch
                }
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.seconds(due - ContinuousClock.now)))
            } else if stopping {
                return nil
            } else {
                condition.wait()
            }
        }
    }

    /// Files `outputs` (one per sentence of `batch`) with their requests and completes those
    /// whose every sentence is now decoded.
    func deliver(_ outputs: [Output], for batch: Batch) {
        precondition(outputs.count == batch.sentences.count, "one output per sentence of the batch")
        var finished: [Request] = []
        condition.lock()
        var offset = 0
        for piece in batch.pieces {
            if !piece.request.cancelled {
                for index in piece.range { piece.request.outputs[index] = outputs[offset + index - piece.range.lowerBound] }
            }
            offset += piece.range.count
            piece.request.remaining -= piece.range.count
            pendingSentences -= piece.range.count
            if piece.request.remaining == 0 && !piece.request.cancelled { finished.append(piece.request) }
        }
        condition.unlock()
        for request in finished { request.completion(request.outputs.map { $0! }) }
    }

    /// Lets the workers finish what is queued, then makes `nextBatch()` return nil.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    var currentStatistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return statistics
    }

    /// Removes from the queue, in arrival order, the pieces of `key` that fit in one batch.
    /// Called with the lock held; the queue's first piece has this key, so the batch is never empty.
    private func takeBatch(key: Key) -> Batch {
        var taken: [Piece] = []
        var count = 0
        var kept: [Piece] = []
        kept.reserveCapacity(queue.count)
        for piece in queue {
            if piece.key == key, count + piece.range.count <= batchSize {
                taken.append(piece)
                count += piece.range.count
            } else {
                kept.append(piece)
            }
        }
        queue = kept
        queuedSentences[key, default: 0] -= count
        if queuedSentences[key] == 0 { queuedSentences[key] = nil }
        statistics.batches += 1
        statistics.sentences += count
        statistics.largestBatch = max(statistics.largestBatch, count)
        let sentences = taken.flatMap { piece in piece.range.map { piece.request.sentences[$0] } }
        return Batch(key: key, sentences: sentences, pieces: taken)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return max(0, TimeInterval(seconds) + TimeInterval(attoseconds) * 1e-18)
    }

    /// One request's sentences and the outputs gathered for them so far (guarded by the lock).
    fileprivate final class Request {
        let sentences: [String]
        var outputs: [Output?]
        /// Sentences neither delivered nor removed by a cancellation.
        var remaining: Int
        var cancelled = false
        let completion: @Sendable ([Output]) -> Void

        init(sentences: [String], completion: @escaping @Sendable ([Output]) -> Void) {
            self.sentences = sentences
            outputs = Array(repeating: nil, count: sentences.count)
            remaining = sentences.count
            self.completion = completion
        }
    }

    /// Sentences `range` of a request: the unit a batch is made of.
    fileprivate struct Piece {
        let request: Request
        let key: Key
        let range: Range<Int>
        let arrival: ContinuousClock.Instant
    }
}
