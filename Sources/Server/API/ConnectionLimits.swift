/// What one connection may hold of the server (each an `nmt serve` option), so that slow or
/// idle clients cannot keep connections, memory or a graceful stop waiting.
public struct ConnectionLimits: Sendable, Equatable {
    /// Connections open at once (--max-connections); more wait in the kernel's backlog.
    public var maxConnections = 512
    /// A connection without a whole request head for this long is closed (--idle-timeout): idle
    /// between requests, or sending its head too slowly.
    public var idleTimeout: Duration = .seconds(60)
    /// A request body must arrive whole within this time of its head (--body-timeout), however
    /// steadily its bytes trickle in; else the connection is closed.
    public var bodyTimeout: Duration = .seconds(30)
    /// Once the server is stopping, a body still arriving has at most this long to be whole:
    /// the stop waits for requests taken in, not for slow uploads.
    public var bodyGraceAtStop: Duration = .seconds(2)
    /// After a refusal (4xx or 5xx) before the body was read, the connection is closed rather
    /// than the body read: the server half-closes at once and reads (and drops) what the client
    /// still sends for at most this long, so that the client sees the answer, not a reset.
    public var lingerAfterRefusal: Duration = .seconds(2)

    public init() {}
}
