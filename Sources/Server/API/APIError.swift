/// A refused request: the HTTP status and the message sent as `{"error": message}`.
struct APIError: Error, Equatable {
    var status: Int
    var message: String
    /// The methods a path takes, for 405's Allow header.
    var allowedMethods: [String] = []

    static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }
    static func tooLarge(_ message: String) -> APIError { APIError(status: 413, message: message) }
}
