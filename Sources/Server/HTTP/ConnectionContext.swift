import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the connection, whose `ConnectionGuard` tells when
/// the client leaves.
struct ConnectionContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The connection's presence, from its `ConnectionGuard`. When the guard is gone, so is the
    /// connection (closing it removed its handlers): the client has left.
    func presence() async -> ClientPresence {
        let channel = self.channel
        if let presence = try? await channel.eventLoop.submit({
            try channel.pipeline.syncOperations.handler(type: ConnectionGuard.self).presence
        }).get() {
            return presence
        }
        let left = ClientPresence()
        left.leave()
        return left
    }
}
