import Foundation
@testable import Server
import XCTest

/// The batcher on its own: which sentences share a batch, when a batch is handed out, and that
/// every request gets its own outputs back in order. "Decoding" here is uppercasing.
final class DynamicBatcherTests: XCTestCase {
    private typealias Batcher = DynamicBatcher<Int, String>

    /// Runs one worker that decodes by uppercasing and records each batch's sentences.
    private final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [[String]] = []
        private var results: [Int: [String]] = [:]

        func record(_ batch: [String]) { lock.withLock { batches.append(batch) } }
        func finish(_ request: Int, _ outputs: [String]) { lock.withLock { results[request] = outputs } }
        var recordedBatches: [[String]] { lock.withLock { batches } }
        var recordedResults: [Int: [String]] { lock.withLock { results } }
    }

    private func startWorker(_ batcher: Batcher, _ recorder: Recorder) -> DispatchGroup {
        let done = DispatchGroup()
        done.enter()
        Thread {
            while let batch = batcher.nextBatch() {
                recorder.record(batch.sentences)
                batcher.deliver(batch.sentences.map { $0.uppercased() }, for: batch)
            }
            done.leave()
        }.start()
        return done
    }

    private func submit(_ batcher: Batcher, _ recorder: Recorder, request: Int, _ sentences: [String], key: Int = 0,
                        completed: DispatchGroup) {
        completed.enter()
        XCTAssertNoThrow(try batcher.submit(sentences, key: key) { outputs in
            recorder.finish(request, outputs)
            completed.leave()
        })
    }

    func testRequestsArrivingWithinTheWindowShareOneBatch() {
        let batcher = Batcher(batchSize: 64, window: .milliseconds(300))
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["a", "b"], completed: completed)
        submit(batcher, recorder, request: 2, ["c"], completed: completed)
        submit(batcher, recorder, request: 3, ["d", "e"], completed: completed)
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(recorder.recordedBatches, [["a", "b", "c", "d", "e"]], "one batch, in arrival order")
        XCTAssertEqual(recorder.recordedResults, [1: ["A", "B"], 2: ["C"], 3: ["D", "E"]])
    }

    func testALoneRequestWaitsForTheWindowAndNoLonger() {
        let batcher = Batcher(batchSize: 64, window: .milliseconds(200))
        let recorder = Recorder()
        let worker = startWorker(batcher, recorder)
        let completed = DispatchGroup()
        let start = ContinuousClock.now
        submit(batcher, recorder, request: 1, ["a"], completed: completed)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        let waited = ContinuousClock.now - start
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(200), "the batch waited for company")
        XCTAssertLessThan(waited, .seconds(5))
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
    }

    func testAFullBatchLeavesWithoutWaitingForTheWindow() {
        let batcher = Batcher(batchSize: 4, window: .seconds(60))
        let recorder = Recorder()
        let worker = startWorker(batcher, recorder)
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["a", "b"], completed: completed)
        submit(batcher, recorder, request: 2, ["c", "d"], completed: completed)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success, "a full batch does not wait 60 s")
        XCTAssertEqual(recorder.recordedBatches, [["a", "b", "c", "d"]])
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
    }

    func testSettingsNeverShareABatchAndTheOldestGoesFirst() {
        let batcher = Batcher(batchSize: 64, window: .milliseconds(100))
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["beam 5"], key: 5, completed: completed)
        submit(batcher, recorder, request: 2, ["beam 1"], key: 1, completed: completed)
        submit(batcher, recorder, request: 3, ["beam 5 again"], key: 5, completed: completed)
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(recorder.recordedBatches, [["beam 5", "beam 5 again"], ["beam 1"]])
    }

    func testALargeRequestIsSplitAcrossBatchesAndReassembledInOrder() {
        let batcher = Batcher(batchSize: 3, window: .zero)
        let recorder = Recorder()
        let completed = DispatchGroup()
        let sentences = (1...8).map { "s\($0)" }
        submit(batcher, recorder, request: 1, sentences, completed: completed)
        // Two workers: the pieces may be decoded in either order.
        let workers = [startWorker(batcher, recorder), startWorker(batcher, recorder)]
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        batcher.stop()
        for worker in workers { XCTAssertEqual(worker.wait(timeout: .now() + 10), .success) }
        XCTAssertEqual(recorder.recordedBatches.map(\.count).sorted(), [2, 3, 3])
        XCTAssertEqual(recorder.recordedResults[1], sentences.map { $0.uppercased() })
    }

    func testStopLetsTheWorkersFinishWhatIsQueued() {
        let batcher = Batcher(batchSize: 2, window: .seconds(60))
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["a"], completed: completed)
        submit(batcher, recorder, request: 2, ["b"], key: 7, completed: completed)
        batcher.stop()
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success, "queued requests are answered, without the window")
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success, "then the worker exits")
        XCTAssertEqual(recorder.recordedResults, [1: ["A"], 2: ["B"]])
    }

    func testAnEmptyRequestCompletesAtOnce() {
        let batcher = Batcher(batchSize: 2, window: .seconds(60))
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, [], completed: completed)
        XCTAssertEqual(completed.wait(timeout: .now()), .success, "completed on the submitting thread")
        XCTAssertEqual(recorder.recordedResults, [1: []])
        XCTAssertEqual(batcher.currentStatistics, .init())
    }

    func testStatisticsCountBatchesAndSentences() {
        let batcher = Batcher(batchSize: 64, window: .milliseconds(100))
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["a", "b", "c"], completed: completed)
        submit(batcher, recorder, request: 2, ["d"], key: 1, completed: completed)
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(batcher.currentStatistics, .init(batches: 2, sentences: 4, largestBatch: 3))
    }

    func testARequestBeyondTheQueueBoundIsRefusedWithoutQueueingAnything() throws {
        let batcher = Batcher(batchSize: 8, window: .milliseconds(50), maxPendingSentences: 5)
        let recorder = Recorder()
        let completed = DispatchGroup()
        submit(batcher, recorder, request: 1, ["a", "b", "c"], completed: completed)
        XCTAssertThrowsError(try batcher.submit(["d", "e", "f"], key: 0) { _ in XCTFail("refused requests never complete") }) { error in
            XCTAssertEqual(error as? Batcher.Full, .init(pending: 3, requested: 3, limit: 5))
        }
        submit(batcher, recorder, request: 2, ["d", "e"], completed: completed)
        XCTAssertEqual(batcher.pendingSentenceCount, 5, "a request that fits exactly is taken")
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(batcher.pendingSentenceCount, 0, "delivered sentences leave the bound")
        submit(batcher, recorder, request: 3, ["f", "g", "h", "i", "j"], completed: completed)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        batcher.stop()
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(recorder.recordedResults, [1: ["A", "B", "C"], 2: ["D", "E"], 3: ["F", "G", "H", "I", "J"]])
        XCTAssertEqual(batcher.currentStatistics.refusedSentences, 3)
    }

    func testACancelledRequestLeavesTheQueueUndecodedAndNeverCompletes() throws {
        let batcher = Batcher(batchSize: 2, window: .seconds(60), maxPendingSentences: 10)
        let recorder = Recorder()
        let completed = DispatchGroup()
        let cancelled = try batcher.submit(["x", "y", "z"], key: 0) { _ in XCTFail("a cancelled request never completes") }
        submit(batcher, recorder, request: 2, ["b"], key: 1, completed: completed)
        XCTAssertEqual(batcher.pendingSentenceCount, 4)
        XCTAssertTrue(batcher.cancel(cancelled))
        XCTAssertFalse(batcher.cancel(cancelled), "only once")
        XCTAssertEqual(batcher.pendingSentenceCount, 1)
        batcher.stop()
        let worker = startWorker(batcher, recorder)
        XCTAssertEqual(completed.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(worker.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(recorder.recordedBatches, [["b"]], "the cancelled sentences were never decoded")
        XCTAssertEqual(batcher.currentStatistics.cancelledSentences, 3)
    }

    /// A request cancelled while a worker decodes one of its pieces: the other pieces leave the
    /// queue, the decoded outputs are dropped, and the bound is released when they arrive.
    func testCancellingDuringDecodingDropsTheOutputs() throws {
        let batcher = Batcher(batchSize: 2, window: .zero, maxPendingSentences: 10)
        let cancelled = try batcher.submit(["a", "b", "c", "d"], key: 0) { _ in XCTFail("a cancelled request never completes") }
        let first = try XCTUnwrap(batcher.nextBatch())
        XCTAssertEqual(first.sentences, ["a", "b"])
        XCTAssertTrue(batcher.cancel(cancelled))
        XCTAssertEqual(batcher.pendingSentenceCount, 2, "c and d left the queue; a and b are being decoded")
        batcher.deliver(["A", "B"], for: first)
        XCTAssertEqual(batcher.pendingSentenceCount, 0)
        XCTAssertEqual(batcher.currentStatistics.cancelledSentences, 2)
        XCTAssertFalse(batcher.cancel(cancelled))
        batcher.stop()
        XCTAssertNil(batcher.nextBatch())
    }
}
