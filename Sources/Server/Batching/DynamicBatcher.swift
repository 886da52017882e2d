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
    private let condition = NSCondition()
    private var queue: [Piece] = []
    /// Sentences queued per key, so that a waiting worker sees at once when a batch is full.
    private var queuedSentences: [Key: Int] = [:]
    private var stopping = false
    private var statistics = Statistics()

    /// What has been decoded so far: batches formed and their sentences.
    struct Statistics: Equatable {
        var batches = 0
        var sentences = 0
        var largestBatch = 0
    }

    init(batchSize: Int, window: Duration) {
        precondition(batchSize >= 1, "a batch holds at least one sentence")
        self.batchSize = batchSize
        self.window = window
    }

    /// Queues `sentences`; `completion` receives their outputs, in order, on the thread of the
    /// worker that decodes the last of them (at once, on this thread, when there are none).
    func submit(_ sentences: [String], key: Key, completion: @escaping @Sendable ([Output]) -> Void) {
        guard !sentences.isEmpty else { return completion([]) }
        let request = Request(sentences: sentences, completion: completion)
        let arrival = ContinuousClock.now
        condition.lock()
        for start in stride(from: 0, to: sentences.count, by: batchSize) {
            queue.append(Piece(request: request, key: key, range: start..<min(start + batchSize, sentences.count), arrival: arrival))
        }
        queuedSentences[key, default: 0] += sentences.count
        condition.broadcast()
        condition.unlock()
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
            for index in piece.range {
                piece.request.outputs[index] = outputs[offset]
                offset += 1
            }
            piece.request.remaining -= piece.range.count
            if piece.request.remaining == 0 { finished.append(piece.request) }
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
        var remaining: Int
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
