import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Bounds what one connection can hold, between the HTTP parser and Hummingbird's request
/// handling (one per connection, on its event loop):
///
/// - a whole request head must arrive within `idleTimeout` of the connection opening or of the
///   previous response (the parser hands over only whole heads, so this also bounds a head sent
///   a byte at a time); else the connection is closed;
/// - a body must arrive whole within `bodyTimeout` of its head, however steadily its bytes come
///   (Hummingbird's idle timer restarts on every chunk); else the connection is closed; once the
///   server is stopping, within `bodyGraceAtStop` at most, so that a slow upload cannot hold up
///   the stop;
/// - a refusal (status 400 or more) answered before the whole body was read closes the
///   connection instead of reading the rest, which could be endless: the answer carries
///   `Connection: close`, the server half-closes after it and drops what still arrives for at
///   most `lingerAfterRefusal` (so that the client reads the answer rather than a reset);
/// - when the client goes (the connection ends, or its sending side closes while a request is
///   unanswered) `presence` is told, so that the request's queued sentences are cancelled.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let presence = ClientPresence()
    private let limits: ConnectionLimits
    /// Heads read whose response has not ended.
    private var unanswered = 0
    /// The last request's end has been read.
    private var bodyRead = true
    private var closeAfterResponse = false
    private var lingering = false
    private var headTimer: Scheduled<Void>?
    private var bodyTimer: Scheduled<Void>?
    /// When the body being read must be whole.
    private var bodyDeadline = NIODeadline.distantFuture

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { waitForHead(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimers() }

    func channelActive(context: ChannelHandlerContext) {
        waitForHead(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        presence.leave()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // After a refusal, whatever the client still sends is dropped.
        guard !lingering else { return }
        switch unwrapInboundIn(data) {
        case .head:
            headTimer?.cancel()
            headTimer = nil
            unanswered += 1
            bodyRead = false
            cutOffBody(context, at: .now() + limits.bodyTimeout.timeAmount)
        case .body:
            break
        case .end:
            bodyRead = true
            bodyTimer?.cancel()
            bodyTimer = nil
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, !bodyRead {
            cutOffBody(context, at: min(bodyDeadline, .now() + limits.bodyGraceAtStop.timeAmount))
        }
        if let event = event as? ChannelEvent, event == .inputClosed, unanswered > 0 || lingering {
            // The client stopped sending with its request unanswered: it has gone (a client
            // that waits for an answer keeps its side open), so its work is cancelled.
            presence.leave()
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.code >= 400 && !bodyRead:
            closeAfterResponse = true
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where closeAfterResponse:
            unanswered = max(0, unanswered - 1)
            let linger = limits.lingerAfterRefusal
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolatedUnsafeUnchecked().whenComplete { [weak self] _ in
                guard let self else { return }
                self.lingering = true
                context.close(mode: .output, promise: nil)
                self.headTimer?.cancel()
                self.headTimer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: linger.timeAmount) {
                    context.close(promise: nil)
                }
            }
            written.futureResult.cascade(to: promise)
        case .end:
            unanswered = max(0, unanswered - 1)
            context.write(data, promise: promise)
            if unanswered == 0 { waitForHead(context) }
        default:
            context.write(data, promise: promise)
        }
    }

    /// Closes the connection unless the body being read is whole by `deadline`.
    private func cutOffBody(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        bodyDeadline = deadline
        bodyTimer?.cancel()
        bodyTimer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: deadline) { [weak self] in
            guard let self, !self.bodyRead else { return }
            context.close(promise: nil)
        }
    }

    /// Closes the connection unless a request head arrives within the idle timeout.
    private func waitForHead(_ context: ChannelHandlerContext) {
        headTimer?.cancel()
        headTimer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: limits.idleTimeout.timeAmount) {
            [weak self] in
            guard let self, self.unanswered == 0 else { return }
            context.close(promise: nil)
        }
    }

    private func cancelTimers() {
        headTimer?.cancel()
        bodyTimer?.cancel()
        headTimer = nil
        bodyTimer = nil
    }
}
