/// Who may use the API: the API keys (`--api-keys FILE`; none: everyone) and the origin that
/// browsers may call the API from (`--cors-origin`; none: only the server's own page).
public struct AccessPolicy: Sendable, Equatable {
    /// When set, POST /translate (both APIs) needs `api_key` with one of these: 403 otherwise.
    public var apiKeys: Set<String>?
    /// When set, every answer carries `Access-Control-Allow-Origin` with it, and OPTIONS
    /// preflight requests are answered.
    public var corsOrigin: String?

    public init(apiKeys: Set<String>? = nil, corsOrigin: String? = nil) {
        self.apiKeys = apiKeys
        self.corsOrigin = corsOrigin
    }

    /// Throws 403 unless keys are off or `key` is one of them.
    func check(apiKey key: String?) throws {
        guard let apiKeys else { return }
        guard let key, !key.isEmpty else {
            throw APIError.forbidden("this server needs an API key: send it as 'api_key'")
        }
        guard apiKeys.contains(key) else { throw APIError.forbidden("Invalid API key") }
    }
}
