import Synchronization

/// Whether a connection's client is still there, for the request being answered on it: the
/// connection's `ConnectionGuard` reports the client leaving, and the request's wait for its
/// translations registers what to do then (cancel its sentences). Thread-safe.
final class ClientPresence: Sendable {
    private struct State {
        var left = false
        var hook: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Runs `hook` once if the client leaves before `clear()`; at once if it already has.
    func onLeave(_ hook: @escaping @Sendable () -> Void) {
        let leftAlready = state.withLock { state -> Bool in
            if !state.left { state.hook = hook }
            return state.left
        }
        if leftAlready { hook() }
    }

    /// Forgets the hook: the request is answered.
    func clear() { state.withLock { $0.hook = nil } }

    /// The client left: runs the hook, if any.
    func leave() {
        let hook = state.withLock { state -> (@Sendable () -> Void)? in
            state.left = true
            defer { state.hook = nil }
            return state.hook
        }
        hook?()
    }

    var hasLeft: Bool { state.withLock { $0.left } }
}
