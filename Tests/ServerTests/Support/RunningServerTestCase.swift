import XCTest

/// Tests against one `nmt serve` of the tiny model on a free loopback port, started once before a
/// subclass's tests and stopped after them. A subclass names its server options by overriding
/// `serverOptions`. XCTest runs one test class at a time, so the subclasses share the storage.
class RunningServerTestCase: XCTestCase {
    private static var model: TinyModel?
    private static var server: ServerProcess?

    /// Options after `--checkpoint`; none by default.
    class var serverOptions: [String] { [] }

    override class func setUp() {
        model = try? TinyModel()
        if let model { server = try? ServerProcess(checkpoint: model.checkpoint, options: serverOptions) }
    }

    override class func tearDown() {
        _ = server?.stop()
        server = nil
        model = nil
    }

    /// The model and the server, failing the test when either could not be made.
    func running() throws -> (TinyModel, ServerProcess) {
        (try XCTUnwrap(Self.model, "the tiny model could not be trained"), try XCTUnwrap(Self.server, "nmt serve did not start"))
    }

    /// The model and a client of the server.
    func runningClient() throws -> (TinyModel, LoopbackHTTP) {
        let (model, server) = try running()
        return (model, server.client)
    }
}
