import Foundation
import XCTest

/// SIGTERM or SIGINT: the server stops accepting, answers every request it accepted, exits 0.
final class GracefulShutdownTests: XCTestCase {
    /// What the clients saw, counted across their threads.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        var ok = 0, otherStatus = 0, wrongText = 0, notAccepted = 0, broken: [String] = []
        /// Clients answered at least once, and clients whose request is sent and not yet answered.
        var answeredClients: Set<Int> = [], waiting: Set<Int> = []
        func add(_ body: (Tally) -> Void) { lock.withLock { body(self) } }
        func read<T>(_ body: (Tally) -> T) -> T { lock.withLock { body(self) } }
    }

    /// The signal comes with all 64 clients' requests in flight: every client has been answered
    /// once (so all are running), then the server is paused until each has sent its next request,
    /// and it resumes with SIGTERM and those 64 requests waiting. What is decided is the order of
    /// events, not how fast the machine runs them; the waits are guards against hangs.
    func testSIGTERMUnderSixtyFourClientsAnswersEveryAcceptedRequest() throws {
        let model = try TinyModel()
        let server = try ServerProcess(checkpoint: model.checkpoint)
        let sentences = model.sentences
        let expected = try model.translateWithCommandLine(sentences)
        let tally = Tally()
        let clients = DispatchGroup()
        for client in 0..<64 {
            clients.enter()
            Thread {
                defer { clients.leave() }
                var index = client
                // Each client sends one sentence per request until the server stops taking them.
                while true {
                    let sentence = index % sentences.count
                    index += 64
                    do {
                        let response = try server.client.translate(["sentences": [sentences[sentence]]],
                                                                   whenSent: { tally.add { $0.waiting.insert(client) } })
                        let text = (response.object["translations"] as? [[String: Any]])?.first?["text"] as? String
                        tally.add {
                            $0.waiting.remove(client)
                            $0.answeredClients.insert(client)
                            if response.status != 200 { $0.otherStatus += 1 } else if text != expected[sentence] { $0.wrongText += 1 } else { $0.ok += 1 }
                        }
                    } catch LoopbackHTTP.Failure.refused, LoopbackHTTP.Failure.closedBeforeResponse {
                        // Nothing listens any more, or the connection was never taken in.
                        tally.add { $0.notAccepted += 1 }
                        return
                    } catch {
                        tally.add { $0.broken.append("\(error)") }
                        return
                    }
                }
            }.start()
        }
        XCTAssertTrue(waitUntil { tally.read { $0.answeredClients.count == 64 } }, "every client was answered before the signal")
        server.pause()
        XCTAssertTrue(waitUntil { tally.read { $0.waiting.count == 64 } }, "every client's request was in flight at the signal")
        let signalled = Date()
        let status = server.stop(with: SIGTERM, timeout: 300)
        print(String(format: "the server exited %.2f s after SIGTERM", Date().timeIntervalSince(signalled)))
        // Once the server has exited, every client's next connection is refused.
        XCTAssertEqual(clients.wait(timeout: .now() + 60), .success, "every client finished")

        XCTAssertEqual(status, 0, server.errorOutput)
        let counts = try XCTUnwrap(server.shutdownCounts, server.errorOutput)
        XCTAssertEqual(counts.answered, counts.accepted, "every accepted request was answered")
        tally.add { tally in
            XCTAssertEqual(tally.ok, counts.answered, "every answer reached its client")
            XCTAssertEqual(tally.otherStatus, 0)
            XCTAssertEqual(tally.wrongText, 0)
            XCTAssertEqual(tally.broken, [], "no response was cut off")
        }
    }

    /// Polls `condition` until it holds; false after `limit` seconds, a guard against a hang.
    private func waitUntil(limit: TimeInterval = 120, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: limit)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    func testSIGINTStopsAnIdleServerWithStatus0() throws {
        let model = try TinyModel()
        let server = try ServerProcess(checkpoint: model.checkpoint)
        XCTAssertEqual(try server.client.request("GET", "/health").status, 200)
        XCTAssertEqual(server.stop(with: SIGINT, timeout: 30), 0, server.errorOutput)
        XCTAssertEqual(server.shutdownCounts?.answered, 1, server.errorOutput)
        XCTAssertThrowsError(try server.client.request("GET", "/health"), "nothing listens after the stop")
    }
}
