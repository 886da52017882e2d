import HTTPTypes
import Hummingbird
import Translation

/// Answers every request: the page, the JSON APIs, and a JSON error for everything else, so that
/// no request, however malformed, ends the server or leaves it in a worse state.
///
///     GET  /            the page (also /page.css, /page.js)
///     GET  /health      {"status":"ok"}
///     GET  /info        ServerInfo
///     GET  /languages   LibreTranslate's language list (POST too, as some clients send it)
///     POST /translate   the native API (a JSON object with `sentences`) or LibreTranslate's
///                       (JSON with `q`, or form fields)
///
/// Unknown paths are 404, a known path with another method 405 (with Allow), bad bodies 400,
/// a missing or unknown API key 403 (when the server has keys), bodies over the size limit 413,
/// a full queue 503 (with Retry-After), a passed deadline 504. With a CORS origin, every answer
/// names it and OPTIONS preflights are answered.
struct APIResponder: HTTPResponder {
    typealias Context = ConnectionContext

    let service: TranslationService
    let ledger: RequestLedger

    private enum Endpoint {
        case page(PageAsset), health, info, languages, translate
    }

    private static let routes: [String: (methods: [HTTPRequest.Method], endpoint: Endpoint)] = [
        "/": ([.get], .page(.html)),
        "/page.css": ([.get], .page(.stylesheet)),
        "/page.js": ([.get], .page(.script)),
        "/health": ([.get], .health),
        "/info": ([.get], .info),
        "/languages": ([.get, .post], .languages),
        "/translate": ([.post], .translate),
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        ledger.accept()
        defer { ledger.answer() }
        var response: Response
        do {
            response = try await answer(request, context: context)
        } catch let error as APIError {
            response = Self.response(JSON.error(error.message), status: error.status, allow: error.allowedMethods)
            if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        } catch is ClientLeft {
            // Nobody reads this; the connection is closing.
            response = Self.response(JSON.error("the client left"), status: 400)
        } catch {
            response = Self.response(JSON.error("internal error: \(error)"), status: 500)
        }
        if let origin = service.access.corsOrigin {
            response.headers[.accessControlAllowOrigin] = origin
            if origin != "*" { response.headers[.vary] = "Origin" }
        }
        return response
    }

    private func answer(_ request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        guard let route = Self.routes[path] else {
            throw APIError(status: 404, message: "no such path: \(path.prefix(200)); the server has GET /, GET /health, "
                + "GET /info, GET /languages and POST /translate")
        }
        if request.method == .options, service.access.corsOrigin != nil {
            let methods = (route.methods + [.options]).map(\.rawValue).joined(separator: ", ")
            return Self.response([], status: 204, contentType: nil, extraHeaders: [
                (.accessControlAllowMethods, methods), (.accessControlAllowHeaders, "Content-Type"),
                (.accessControlMaxAge, "600"),
            ])
        }
        guard route.methods.contains(request.method) else {
            let methods = route.methods.map(\.rawValue)
            throw APIError(status: 405, message: "\(path) takes \(methods.joined(separator: " or ")), not \(request.method.rawValue)",
                           allowedMethods: methods)
        }
        switch route.endpoint {
        case .page(let asset):
            return Self.response(asset.bytes, contentType: asset.contentType, extraHeaders: Self.pageHeaders)
        case .health:
            return Self.response(Array(#"{"status":"ok"}"#.utf8))
        case .info:
            return Self.response(try service.infoJSON())
        case .languages:
            return Self.response(try service.languagesJSON())
        case .translate:
            let body = try await Self.body(of: request, limit: service.limits.maxBodyBytes)
            let presence = await context.presence()
            guard Self.isJSON(request, body: body) else {
                let query = try FormFields(encoded: Array((request.uri.query ?? "").utf8))
                let fields = try FormFields(encoded: body).adding(query)
                return Self.response(try await service.libreTranslate(LibreTranslateRequest(form: fields), presence: presence))
            }
            if LibreTranslateRequest.isLibreTranslate(json: body) {
                return Self.response(try await service.libreTranslate(LibreTranslateRequest(json: body), presence: presence))
            }
            return Self.response(try await service.translate(body: body, presence: presence))
        }
    }

    /// A JSON body: so declared, or starting (after white space) as a JSON object or list does
    /// (`curl -d '{…}'` declares a form). Anything else is read as form fields.
    private static func isJSON(_ request: Request, body: [UInt8]) -> Bool {
        if let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") || type.contains("+json") {
            return true
        }
        let first = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The request body, refused with 413 as soon as it is known to exceed `limit` bytes: from
    /// Content-Length before reading anything, or while reading a chunked body. Either way the
    /// rest is never read: `ConnectionGuard` closes the connection after the refusal.
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

    private static func response(_ bytes: [UInt8], status: Int = 200, contentType: String? = "application/json; charset=utf-8",
                                 allow: [String] = [], extraHeaders: [(HTTPField.Name, String)] = []) -> Response {
        var headers: HTTPFields = [HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
        if let contentType { headers[.contentType] = contentType }
        if !allow.isEmpty { headers[.allow] = allow.joined(separator: ", ") }
        for (name, value) in extraHeaders { headers[name] = value }
        return Response(status: Self.status(status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 204: .noContent
        case 400: .badRequest
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 413: .contentTooLarge
        case 503: .serviceUnavailable
        case 504: .gatewayTimeout
        default: .internalServerError
        }
    }
}
