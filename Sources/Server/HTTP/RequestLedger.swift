import Synchronization

/// Counts requests as the server takes them in and as it answers them, so that a shutdown can
/// tell that every request it accepted was answered.
public final class RequestLedger: Sendable {
    public struct Counts: Sendable, Equatable {
        public var accepted = 0
        public var answered = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    func accept() { counts.withLock { $0.accepted += 1 } }
    func answer() { counts.withLock { $0.answered += 1 } }

    public var current: Counts { counts.withLock { $0 } }
}
