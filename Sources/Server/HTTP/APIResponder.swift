import HTTPTypes
import Hummingbird
import Translation

/// Answers every request: the page, the JSON API, and a JSON error for everything else, so that
/// no request, however malformed, ends the server or leaves it in a worse state.
///
///     GET  /            the page (also /page.css, /page.js)
///     GET  /health      {"status":"ok"}
///     GET  /info        ServerInfo
///     POST /translate   TranslationRequest → TranslationResponse
///
/// Unknown paths are 404, a known path with another method 405 (with Allow), bad bodies 400,
/// bodies over the size limit 413 (see TranslationRequest for the rest).
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: TranslationService
    let ledger: RequestLedger

    private enum Endpoint {
        case page(PageAsset), health, info, translate
    }

    /// Each path takes one method.
    private static let routes: [String: (method: HTTPRequest.Method, endpoint: Endpoint)] = [
        "/": (.get, .page(.html)),
        "/page.css": (.get, .page(.stylesheet)),
        "/page.js": (.get, .page(.script)),
        "/health": (.get, .health),
        "/info": (.get, .info),
        "/translate": (.post, .translate),
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        ledger.accept()
        defer { ledger.answer() }
        do {
            return try await answer(request)
        } catch let error as APIError {
            return Self.response(JSON.error(error.message), status: error.status, allow: error.allowedMethods)
        } catch {
            return Self.response(JSON.error("internal error: \(error)"), status: 500)
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        let path = request.uri.path
        guard let route = Self.routes[path] else {
            throw APIError(status: 404, message: "no such path: \(path.prefix(200)); the server has GET /, GET /health, "
                + "GET /info and POST /translate")
        }
        guard request.method == route.method else {
            throw APIError(status: 405, message: "\(path) takes \(route.method.rawValue), not \(request.method.rawValue)",
                           allowedMethods: [route.method.rawValue])
        }
        switch route.endpoint {
        case .page(let asset):
            return Self.response(asset.bytes, contentType: asset.contentType, extraHeaders: Self.pageHeaders)
        case .health:
            return Self.response(Array(#"{"status":"ok"}"#.utf8))
        case .info:
            return Self.response(try service.infoJSON())
        case .translate:
            let body = try await Self.body(of: request, limit: service.limits.maxBodyBytes)
            return Self.response(try await service.translate(body: body))
        }
    }

    /// The request body, refused with 413 as soon as it is known to exceed `limit` bytes: from
    /// Content-Length before reading anything, or while reading a chunked body.
    private static func body(of request: Request, limit: Int) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw APIError.tooLarge("the body is \(declared) bytes; the limit is \(limit)")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw APIError.tooLarge("the body is over the limit of \(limit) bytes")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The page may load only from this server (and an empty data: icon).
    private static let pageHeaders: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!,
         "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (.cacheControl, "no-cache"),
    ]

    private static func response(_ bytes: [UInt8], status: Int = 200, contentType: String = "application/json; charset=utf-8",
                                 allow: [String] = [], extraHeaders: [(HTTPField.Name, String)] = []) -> Response {
        var headers: HTTPFields = [.contentType: contentType, HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
        if !allow.isEmpty { headers[.allow] = allow.joined(separator: ", ") }
        for (name, value) in extraHeaders { headers[name] = value }
        return Response(status: Self.status(status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 400: .badRequest
        case 404: .notFound
        case 405: .methodNotAllowed
        case 413: .contentTooLarge
        default: .internalServerError
        }
    }
}
