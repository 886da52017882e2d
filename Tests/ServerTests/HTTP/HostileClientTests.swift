import Foundation
import XCTest

/// Overload and hostile clients, each case of issue 31's list: the server bounds what they can
/// hold (connections, queue, time, memory) and keeps answering everyone else. Each test starts
/// its own server with small limits, so that reaching them is cheap and quick.
final class HostileClientTests: XCTestCase {
    private static var model: TinyModel?

    override class func setUp() { model = try? TinyModel() }
    override class func tearDown() { model = nil }

    private func server(_ options: [String]) throws -> ServerProcess {
        let model = try XCTUnwrap(Self.model, "the tiny model could not be trained")
        return try ServerProcess(checkpoint: model.checkpoint, options: options)
    }

    private func batching(_ server: ServerProcess) throws -> [String: Any] {
        try XCTUnwrap(server.client.request("GET", "/info").object["batching"] as? [String: Any])
    }

    /// Polls `condition` every 10 ms until it holds or `seconds` pass.
    private func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return try condition()
    }

    /// A POST /translate whose answer is read on another thread; `wait()` gives it.
    private final class PendingRequest: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<LoopbackHTTP.Response, Error>?

        init(_ client: LoopbackHTTP, _ object: [String: Any]) {
            Thread { [self] in
                result = Result { try client.translate(object) }
                done.signal()
            }.start()
        }

        func wait(seconds: Double = 60) throws -> LoopbackHTTP.Response {
            guard done.wait(timeout: .now() + seconds) == .success, let result else { throw LoopbackHTTP.Failure.system("no answer") }
            return try result.get()
        }
    }

    // MARK: - The queue and the deadline

    /// The window holds the first request's 3 sentences in the queue for a second; 2 more would
    /// pass the bound of 4 and are answered 503 with Retry-After at once, while the first is
    /// answered normally.
    func testAFullQueueIsAnswered503WithRetryAfter() throws {
        let server = try server(["--max-queued-sentences", "4", "--max-sentences", "4", "--batch-window-ms", "1000"])
        defer { _ = server.stop() }
        let first = PendingRequest(server.client, ["sentences": ["the cat runs .", "a dog sees .", "red tree ."]])
        XCTAssertTrue(try eventually(within: 10) { try batching(server)["queued_sentences"] as? Int == 3 })
        let refused = try server.client.translate(["sentences": ["the cat .", "a dog ."]])
        XCTAssertEqual(refused.status, 503, refused.text)
        XCTAssertEqual(refused.headers["retry-after"], "1")
        XCTAssertTrue(refused.error?.contains("the server is busy") ?? false, refused.text)
        XCTAssertEqual(try first.wait().status, 200)
        let info = try batching(server)
        XCTAssertEqual(info["refused_sentences"] as? Int, 2)
        XCTAssertEqual(info["sentences"] as? Int, 3, "the refused sentences were never decoded")
        XCTAssertEqual(try server.client.translate(["sentences": ["the cat .", "a dog ."]]).status, 200, "room again")
    }

    /// The window keeps the sentence waiting past the deadline: 504, and it leaves the queue
    /// undecoded.
    func testARequestPastItsDeadlineIs504AndItsSentencesLeaveTheQueue() throws {
        let server = try server(["--deadline-ms", "300", "--batch-window-ms", "1000"])
        defer { _ = server.stop() }
        let start = Date()
        let response = try server.client.translate(["sentences": ["the cat runs .", "red tree ."]])
        XCTAssertEqual(response.status, 504, response.text)
        XCTAssertTrue(response.error?.contains("deadline of 300 ms") ?? false, response.text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.95, "answered at the deadline, not after the window")
        Thread.sleep(forTimeInterval: 1.2)
        let info = try batching(server)
        XCTAssertEqual(info["sentences"] as? Int, 0, "nothing was decoded")
        XCTAssertEqual(info["cancelled_sentences"] as? Int, 2)
    }

    /// The client sends a request and goes; its sentences, still in the window, are never decoded.
    func testWorkIsCancelledWhenTheClientGoesAway() throws {
        let server = try server(["--batch-window-ms", "1000"])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        let body = #"{"sentences": ["the cat runs .", "a dog sees .", "red tree ."]}"#
        XCTAssertTrue(connection.send("POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"))
        XCTAssertTrue(try eventually(within: 10) { try batching(server)["queued_sentences"] as? Int == 3 })
        connection.shutdownSending()
        XCTAssertTrue(try eventually(within: 10) { try batching(server)["cancelled_sentences"] as? Int == 3 })
        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertEqual(try batching(server)["sentences"] as? Int, 0, "nothing was decoded")
        XCTAssertEqual(try server.client.request("GET", "/health").status, 200)
    }

    /// The client sends its request and closes its side at once: the server may read the end of
    /// the connection with the request, before the request is queued; it is still never decoded.
    func testWorkIsCancelledWhenTheClientLeavesAtOnce() throws {
        let server = try server(["--batch-window-ms", "1000"])
        defer { _ = server.stop() }
        let body = #"{"sentences": ["the cat runs .", "a dog sees .", "red tree ."]}"#
        for _ in 0..<5 {
            let connection = try RawConnection(port: server.port)
            XCTAssertTrue(connection.send("POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"))
            connection.shutdownSending()
        }
        Thread.sleep(forTimeInterval: 2)
        XCTAssertEqual(try batching(server)["sentences"] as? Int, 0, "nothing was decoded")
        XCTAssertEqual(try server.client.request("GET", "/health").status, 200)
    }

    // MARK: - Connections and time

    func testConnectionsBeyondTheLimitWaitUntilOneCloses() throws {
        let server = try server(["--max-connections", "2"])
        defer { _ = server.stop() }
        var held = [try RawConnection(port: server.port), try RawConnection(port: server.port)]
        // Both are taken in (answered), then kept open.
        for connection in held {
            XCTAssertTrue(connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
            guard case .data = connection.receive(within: 10) else { return XCTFail("a held connection was not answered") }
        }
        let third = try RawConnection(port: server.port)
        XCTAssertTrue(third.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(third.receive(within: 1), .nothing, "the third connection waits in the backlog")
        held.removeFirst()  // closes it
        guard case .data(let bytes) = third.receive(within: 10) else { return XCTFail("not answered after a connection closed") }
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        withExtendedLifetime(held) {}
    }

    /// One byte every half second never completes the body within the 2 s body timeout: the
    /// connection is closed, although each byte arrived well within the idle timeout.
    func testABodyTrickledInIsCutOffByTheBodyTimeout() throws {
        let server = try server(["--body-timeout", "2"])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        XCTAssertTrue(connection.send("POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"))
        let start = Date()
        var closedAfter: Double?
        for _ in 0..<20 {
            guard connection.send("{") else { closedAfter = Date().timeIntervalSince(start); break }
            if connection.receive(within: 0.5) != .nothing { closedAfter = Date().timeIntervalSince(start); break }
        }
        let seconds = try XCTUnwrap(closedAfter, "the connection was still open after 10 s")
        XCTAssertGreaterThanOrEqual(seconds, 1.5)
        XCTAssertLessThan(seconds, 5)
        XCTAssertEqual(try server.client.request("GET", "/health").status, 200)
    }

    /// A request head sent a byte at a time is bounded by the idle timeout.
    func testAHeadTrickledInIsCutOffByTheIdleTimeout() throws {
        let server = try server(["--idle-timeout", "2"])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        let start = Date()
        var closedAfter: Double?
        for byte in Array("GET /health HTTP/1.1\r\nX-Padding: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 40) {
            guard connection.send([byte]) else { closedAfter = Date().timeIntervalSince(start); break }
            if connection.receive(within: 0.25) != .nothing { closedAfter = Date().timeIntervalSince(start); break }
        }
        let seconds = try XCTUnwrap(closedAfter, "the connection was still open after the whole trickle")
        XCTAssertLessThan(seconds, 5)
    }

    /// A slow uploader cannot hold up the graceful stop: a body still arriving gets 2 s more,
    /// however long the body timeout.
    func testASlowUploaderDoesNotHoldUpTheStop() throws {
        let server = try server(["--body-timeout", "600"])
        let connection = try RawConnection(port: server.port)
        XCTAssertTrue(connection.send("POST /translate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"))
        Thread.sleep(forTimeInterval: 0.3)
        let start = Date()
        XCTAssertEqual(server.stop(with: SIGTERM, timeout: 20), 0, server.errorOutput)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// The first SIGTERM gives the slow upload its 2 s; the second ends the process at once.
    func testASecondSignalExitsAtOnce() throws {
        let server = try server(["--body-timeout", "600"])
        let connection = try RawConnection(port: server.port)
        XCTAssertTrue(connection.send("POST /translate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"))
        Thread.sleep(forTimeInterval: 0.3)
        kill(server.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertTrue(server.process.isRunning, "the graceful stop waits for the request being read")
        let start = Date()
        let status = server.stop(with: SIGTERM, timeout: 20)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(status, 128 + SIGTERM, server.errorOutput)
        XCTAssertTrue(server.errorOutput.contains("a second stop signal: exiting at once"), server.errorOutput)
    }

    /// A 404 or 413 before the body is read closes the connection rather than reading an endless
    /// chunked body; the client still reads its answer.
    func testARefusalClosesTheConnectionInsteadOfDrainingTheBody() throws {
        let server = try server(["--max-body-bytes", "4096"])
        defer { _ = server.stop() }
        for path in ["/nowhere", "/translate"] {
            let connection = try RawConnection(port: server.port)
            XCTAssertTrue(connection.send("POST \(path) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))
            let chunk = Array("1000\r\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 4096) + Array("\r\n".utf8)
            var answer: [UInt8] = []
            var closed = false
            let start = Date()
            // The client keeps sending for as long as the server reads, up to 8 s.
            while Date().timeIntervalSince(start) < 8 && !closed {
                if !connection.send(chunk) { closed = true; break }
                switch connection.receive(within: 0.01) {
                case .data(let bytes): answer += bytes
                case .closed: closed = true
                case .nothing: break
                }
            }
            let text = String(decoding: answer, as: UTF8.self)
            XCTAssertTrue(closed, "\(path): the server kept reading the body for 8 s")
            XCTAssertLessThan(Date().timeIntervalSince(start), 6, path)
            XCTAssertTrue(text.hasPrefix(path == "/nowhere" ? "HTTP/1.1 404" : "HTTP/1.1 413"), "\(path): \(text)")
            XCTAssertTrue(text.lowercased().contains("connection: close"), text)
        }
        XCTAssertEqual(try server.client.request("GET", "/health").status, 200)
    }

    // MARK: - Sizes

    /// Attention costs (source units + 1) × the longest output per sentence: 10 sentences of 3
    /// words are (4 + 1) × (2 × 4 + 10) = 90 weights each with the tokenizer's period, 900
    /// together, over a limit of 500; without attention the same request is served.
    func testTheAttentionAnswerIsBounded() throws {
        let server = try server(["--max-attention-weights", "500"])
        defer { _ = server.stop() }
        let sentences = Array(repeating: "the cat runs .", count: 10)
        let refused = try server.client.translate(["sentences": sentences, "attention": true])
        XCTAssertEqual(refused.status, 413, refused.text)
        XCTAssertTrue(refused.error?.contains("could hold 900 weights") ?? false, refused.text)
        XCTAssertEqual(try server.client.translate(["sentences": sentences]).status, 200)
        XCTAssertEqual(try server.client.translate(["sentences": Array(sentences.prefix(5)), "attention": true]).status, 200)
    }

    /// "a" and 300,000 combining accents is one character and 300,001 Unicode scalars.
    func testSentenceLengthCountsUnicodeScalars() throws {
        let server = try server(["--max-sentence-length", "1000", "--max-body-bytes", "2000000"])
        defer { _ = server.stop() }
        let stacked = "a" + String(repeating: "\u{0301}", count: 300_000)
        let response = try server.client.translate(["sentences": [stacked]])
        XCTAssertEqual(response.status, 413, response.text)
        XCTAssertTrue(response.error?.contains("300001 characters (Unicode scalars); the limit is 1000") ?? false, response.text)
        let libre = try server.client.translate(["q": stacked, "source": "en", "target": "de"])
        XCTAssertEqual(libre.status, 413, libre.text)
    }
}
