import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client on a fresh 127.0.0.1 TCP connection per request, which sends the
/// bytes exactly as given (invalid UTF-8, lying headers, unknown methods: what a browser never
/// sends) and reads one response by its Content-Length.
struct LoopbackHTTP {
    let port: Int

    struct Response {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        /// The message of a `{"error": "…"}` body.
        var error: String? { object["error"] as? String }
    }

    enum Failure: Error, Equatable {
        /// Nothing listens: the request was never sent.
        case refused
        /// The connection ended before any byte of a response arrived.
        case closedBeforeResponse(errno: Int32)
        /// Part of a response arrived, then the connection ended or held nonsense.
        case brokenResponse(String)
        case system(String)
    }

    func request(_ method: String, _ path: String, body: [UInt8]? = nil, headers: [String: String] = [:],
                 whenSent: () -> Void = {}) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        var allHeaders = headers
        if let body, allHeaders["Content-Length"] == nil, allHeaders["Transfer-Encoding"] == nil {
            allHeaders["Content-Length"] = String(body.count)
            allHeaders["Content-Type"] = allHeaders["Content-Type"] ?? "application/json"
        }
        for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try send(Array(head.utf8) + (body ?? []), whenSent: whenSent)
    }

    func post(_ path: String, json: String) throws -> Response { try request("POST", path, body: Array(json.utf8)) }

    /// POST /translate with this JSON object.
    func translate(_ object: [String: Any], whenSent: () -> Void = {}) throws -> Response {
        try request("POST", "/translate", body: Array(try JSONSerialization.data(withJSONObject: object)), whenSent: whenSent)
    }

    /// Sends `bytes` as they are and reads one response. `whenSent` runs once the request is in
    /// the connection (connected and written), before waiting for the response: a test that
    /// holds the server stopped learns from it that the request is queued in the kernel.
    func send(_ bytes: [UInt8], timeout: Int = 60, whenSent: () -> Void = {}) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure.system("socket: errno \(errno)") }
        defer { close(socket) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw errno == ECONNREFUSED ? Failure.refused : Failure.system("connect: errno \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            // The server may answer (413) and stop reading before the whole body is sent.
            guard count > 0 else { break }
            sent += count
        }
        whenSent()
        return try readResponse(socket)
    }

    private func readResponse(_ socket: Int32) throws -> Response {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        func readMore() throws -> Bool {
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress!, $0.count, 0) }
                if count > 0 {
                    received.append(contentsOf: buffer[0..<count])
                    return true
                }
                if count == 0 { return false }
                if errno == EINTR { continue }
                if received.isEmpty { throw Failure.closedBeforeResponse(errno: errno) }
                throw Failure.brokenResponse("recv failed with errno \(errno) after \(received.count) bytes")
            }
        }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            guard try readMore() else {
                if received.isEmpty { throw Failure.closedBeforeResponse(errno: 0) }
                throw Failure.brokenResponse("the connection closed inside the response head")
            }
            headerEnd = Self.find(separator, in: received)
        }
        let head = String(decoding: received[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = head[0].split(separator: " ")
        guard statusWords.count >= 2, statusWords[0].hasPrefix("HTTP/1."), let status = Int(statusWords[1]) else {
            throw Failure.brokenResponse("status line \(head[0])")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyStart = headerEnd! + separator.count
        // 204 and 304 have no body, and may say so by leaving out Content-Length.
        guard let length = status == 204 || status == 304 ? 0 : headers["content-length"].flatMap({ Int($0) }) else {
            throw Failure.brokenResponse("no Content-Length")
        }
        while received.count < bodyStart + length {
            guard try readMore() else { throw Failure.brokenResponse("the connection closed inside the body") }
        }
        return Response(status: status, headers: headers, body: Array(received[bodyStart..<(bodyStart + length)]))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
