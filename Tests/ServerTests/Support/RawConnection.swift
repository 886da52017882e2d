import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One loopback TCP connection driven byte by byte, for the clients a server must survive: one
/// that sends its body a byte at a time, one that leaves mid-request, one that holds a
/// connection idle. `LoopbackHTTP` is for whole requests.
final class RawConnection {
    private let socket: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw LoopbackHTTP.Failure.system("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw LoopbackHTTP.Failure.system("connect: errno \(errno)")
        }
    }

    deinit { close(socket) }

    /// Sends `bytes`; false when the server has closed or reset the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    enum Received: Equatable {
        /// Bytes arrived.
        case data([UInt8])
        /// The server closed its side (or reset the connection).
        case closed
        /// Nothing within the time.
        case nothing
    }

    /// What arrives within `seconds`.
    func receive(within seconds: Double) -> Received {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(seconds * 1000))
        guard ready > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
        return count > 0 ? .data(Array(buffer[0..<count])) : .closed
    }

    /// Everything received until the server closes the connection or `seconds` pass; and
    /// whether it closed.
    func receiveUntilClosed(within seconds: Double) -> (bytes: [UInt8], closed: Bool) {
        var bytes: [UInt8] = []
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            switch receive(within: max(0.01, deadline.timeIntervalSinceNow)) {
            case .data(let more): bytes += more
            case .closed: return (bytes, true)
            case .nothing: return (bytes, false)
            }
        }
        return (bytes, false)
    }

    /// Closes the sending side (the client has said all it will).
    func shutdownSending() { shutdown(socket, Int32(SHUT_WR)) }
}
