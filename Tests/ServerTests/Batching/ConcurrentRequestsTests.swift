import Foundation
import XCTest

/// Concurrent requests to a running server are decoded together, and each still gets exactly
/// the translation `nmt translate` gives its sentence.
final class ConcurrentRequestsTests: XCTestCase {
    /// What the clients received, filled in from their threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        var served: [String?]
        var failures: [String] = []
        init(count: Int) { served = Array(repeating: nil, count: count) }
        func withLock(_ body: (Results) -> Void) { lock.withLock { body(self) } }
    }

    /// The 24 requests are sent while the server is paused, so all of them are in flight at once
    /// whatever the load on the machine; when it resumes, a batch of 24 fills as soon as it has
    /// read them. The window (the longest allowed) only bounds how long the first request may wait
    /// for the other 23, which the server reads from its sockets in milliseconds.
    func testConcurrentRequestsShareBatchesAndMatchTheCommandLine() throws {
        let model = try TinyModel()
        let sentences = Array(model.sentences.prefix(24))
        let server = try ServerProcess(checkpoint: model.checkpoint,
                                       options: ["--batch-size", String(sentences.count), "--batch-window-ms", "1000"])
        defer { _ = server.stop() }
        let expected = try model.translateWithCommandLine(sentences)

        server.pause()
        let results = Results(count: sentences.count)
        let sent = DispatchSemaphore(value: 0)
        let answered = DispatchGroup()
        // One thread per request (not concurrentPerform, which runs as many as there are cores):
        // each blocks until the paused server answers.
        for index in sentences.indices {
            answered.enter()
            Thread {
                defer { answered.leave() }
                do {
                    let response = try server.client.translate(["sentences": [sentences[index]]], whenSent: { sent.signal() })
                    let text = try APIResponderTests.texts(response).first
                    results.withLock { $0.served[index] = text }
                } catch {
                    results.withLock { $0.failures.append("\(index): \(error)") }
                    sent.signal()
                }
            }.start()
        }
        // A guard against a hang, not a measure: sending into the kernel's queue takes no time.
        let allSent = sentences.indices.allSatisfy { _ in sent.wait(timeout: .now() + 60) == .success }
        server.resume()
        XCTAssertTrue(allSent, "every request was sent while the server was paused")
        XCTAssertEqual(answered.wait(timeout: .now() + 120), .success, "every request was answered")
        results.withLock { results in
            XCTAssertEqual(results.failures, [])
            XCTAssertEqual(results.served, expected.map { $0 })
        }

        let batching = try XCTUnwrap(server.client.request("GET", "/info").object["batching"] as? [String: Any])
        XCTAssertEqual(batching["sentences"] as? Int, sentences.count)
        XCTAssertEqual(batching["batches"] as? Int, 1, "the 24 waiting requests were decoded as one batch: \(batching)")
        XCTAssertEqual(batching["largest_batch"] as? Int, sentences.count)
    }
}
