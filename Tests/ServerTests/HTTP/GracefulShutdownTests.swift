import Foundation
import XCTest

/// SIGTERM or SIGINT: the server stops accepting, answers every request it accepted, exits 0.
final class GracefulShutdownTests: XCTestCase {
    /// What the clients saw, counted across their threads.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        var ok = 0, otherStatus = 0, wrongText = 0, notAccepted = 0, broken: [String] = []
        func add(_ body: (Tally) -> Void) { lock.withLock { body(self) } }
    }

    func testSIGTERMUnderSixtyFourClientsAnswersEveryAcceptedRequest() throws {
        let model = try TinyModel()
        let server = try ServerProcess(checkpoint: model.checkpoint)
        let sentences = model.sentences
        let expected = try model.translateWithCommandLine(sentences)
        let tally = Tally()
        let clients = DispatchGroup()
        let deadline = Date(timeIntervalSinceNow: 60)
        for client in 0..<64 {
            clients.enter()
            Thread {
                defer { clients.leave() }
                var index = client
                // Each client sends one sentence per request until the server stops taking them.
                while Date() < deadline {
                    let sentence = index % sentences.count
                    index += 64
                    do {
                        let response = try server.client.translate(["sentences": [sentences[sentence]]])
                        let text = (response.object["translations"] as? [[String: Any]])?.first?["text"] as? String
                        tally.add {
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
        Thread.sleep(forTimeInterval: 2)
        let okBeforeSignal = tally.ok
        let status = server.stop(with: SIGTERM)
        XCTAssertEqual(clients.wait(timeout: .now() + 60), .success, "every client finished")

        XCTAssertEqual(status, 0, server.errorOutput)
        XCTAssertGreaterThan(okBeforeSignal, 64, "the clients were running when the signal came")
        let counts = try XCTUnwrap(server.shutdownCounts, server.errorOutput)
        XCTAssertEqual(counts.answered, counts.accepted, "every accepted request was answered")
        XCTAssertEqual(tally.ok, counts.answered, "every answer reached its client")
        XCTAssertEqual(tally.otherStatus, 0)
        XCTAssertEqual(tally.wrongText, 0)
        XCTAssertEqual(tally.broken, [], "no response was cut off")
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
