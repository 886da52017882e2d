import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// `nmt serve`'s HTTP server: Hummingbird on `host:port` in front of a `TranslationService`.
public struct TranslationServer {
    public let service: TranslationService
    public let host: String
    public let port: Int

    public init(service: TranslationService, host: String, port: Int) {
        self.service = service
        self.host = host
        self.port = port
    }

    /// Serves until SIGTERM or SIGINT. Then it stops accepting connections, answers every request
    /// already taken in (each connection closes after its response), lets the workers finish,
    /// and returns how many requests were accepted and answered; a second signal ends the
    /// process at once (`SecondSignal`). `onListening` receives the port bound (the one asked
    /// for, or the free one chosen for port 0). Each connection has a `ConnectionGuard`, and at
    /// most `service.connections.maxConnections` are open at once.
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws -> RequestLedger.Counts {
        let ledger = RequestLedger()
        var logger = Logger(label: "nmt-serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let port = self.port
        let connections = service.connections
        let application = Application(
            responder: APIResponder(service: service, ledger: ledger),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(limits: connections)],
                                                idleTimeout: connections.idleTimeout.timeAmount)),
            configuration: .init(address: .hostname(host, port: port), serverName: "nmt",
                                 availableConnectionsDelegate: MaximumAvailableConnections(connections.maxConnections)),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        let secondSignal = SecondSignal()
        defer { withExtendedLifetime(secondSignal) {} }
        service.start()
        defer { service.drainAndStop() }
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        return ledger.current
    }
}
