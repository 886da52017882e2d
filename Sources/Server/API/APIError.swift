/// A refused request: the HTTP status and the message sent as `{"error": message}`.
struct APIError: Error, Equatable {
    var status: Int
    var message: String
    /// The methods a path takes, for 405's Allow header.
    var allowedMethods: [String] = []
    /// Seconds for 503's Retry-After header.
    var retryAfterSeconds: Int?

    static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }
    static func forbidden(_ message: String) -> APIError { APIError(status: 403, message: message) }
    static func tooLarge(_ message: String) -> APIError { APIError(status: 413, message: message) }
    /// The queue of sentences is full: try again after `seconds`.
    static func overloaded(_ message: String, retryAfter seconds: Int) -> APIError {
        APIError(status: 503, message: message, retryAfterSeconds: seconds)
    }
    static func deadlinePassed(_ message: String) -> APIError { APIError(status: 504, message: message) }
}
