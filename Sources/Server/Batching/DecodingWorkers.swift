import Autodiff
import Foundation
import Translation

/// Threads that decode the batches of a `DynamicBatcher`, one per core by default. Each keeps
/// its matrix products on its own core (`Parallel.onOneCore`), as `Translator` runs its batches:
/// decoding GEMMs have tens to hundreds of rows and split poorly across threads, while whole
/// batches are independent. None of this runs on the server's event loops.
final class DecodingWorkers<Key: Hashable, Output>: @unchecked Sendable {
    let count: Int
    private let batcher: DynamicBatcher<Key, Output>
    private let decode: (Key, [String]) -> [Output]
    private let finished = DispatchGroup()

    /// `decode(key, sentences)` gives one output per sentence, in order.
    init(count: Int, batcher: DynamicBatcher<Key, Output>, decode: @escaping (Key, [String]) -> [Output]) {
        precondition(count >= 1, "at least one decoding worker")
        self.count = count
        self.batcher = batcher
        self.decode = decode
    }

    func start() {
        for index in 0..<count {
            finished.enter()
            let thread = Thread { [self] in
                Parallel.onOneCore {
                    while let batch = batcher.nextBatch() {
                        batcher.deliver(decode(batch.key, batch.sentences), for: batch)
                    }
                }
                finished.leave()
            }
            thread.name = "nmt decoder \(index + 1)"
            thread.start()
        }
    }

    /// Stops the batcher and returns once every queued sentence is decoded and delivered and
    /// every worker has exited.
    func drainAndStop() {
        batcher.stop()
        finished.wait()
    }
}
