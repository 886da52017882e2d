import Foundation

/// A request's wait for its translations, ended once by whichever outcome comes first: the
/// outputs, the deadline, or the client leaving. The later outcomes find it ended and do
/// nothing, so each request's continuation is resumed exactly once. Thread-safe.
final class Wait<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Error>?
    private var ended = false
    private var endHandlers: [() -> Void] = []

    /// The continuation to resume; call before any `end`.
    func begin(_ continuation: CheckedContinuation<Value, Error>) {
        lock.withLock { self.continuation = continuation }
    }

    /// Ends the wait with `result` and runs the `onEnd` handlers, unless it has ended already.
    /// Returns whether this call ended it.
    @discardableResult
    func end(_ result: Result<Value, Error>) -> Bool {
        let taken = lock.withLock { () -> (CheckedContinuation<Value, Error>?, [() -> Void])? in
            guard !ended else { return nil }
            ended = true
            defer { continuation = nil; endHandlers = [] }
            return (continuation, endHandlers)
        }
        guard let (continuation, handlers) = taken else { return false }
        for handler in handlers { handler() }
        continuation?.resume(with: result)
        return true
    }

    /// Runs `handler` when the wait ends (at once if it has).
    func onEnd(_ handler: @escaping () -> Void) {
        let endedAlready = lock.withLock { () -> Bool in
            if !ended { endHandlers.append(handler) }
            return ended
        }
        if endedAlready { handler() }
    }
}
