import Foundation

/// A failed file operation as one line for a person, "cannot write runs/x.svg: permission
/// denied", in place of Foundation's `Error Domain=NSCocoaErrorDomain Code=513 "…" UserInfo={…}`.
/// The reason is the POSIX error inside the Foundation error when there is one (its `strerror`
/// text, lowercased), else the meaning of the Cocoa code.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// "write", "read", "create directory".
    public var operation: String
    public var path: String
    public var reason: String

    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public init(_ error: Error, operation: String, path: String) {
        self.init(operation: operation, path: path, reason: Self.reason(error as NSError))
    }

    /// The reason is the failure's own explanation if it has one, else its `strerror` text.
    public init(_ failure: POSIXFile.Failure, operation: String, path: String) {
        self.init(operation: operation, path: path, reason: failure.explanation ?? Self.posixReason(failure.code))
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
    public var errorDescription: String? { description }

    private static func reason(_ error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return posixReason(Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posixReason(Int32(underlying.code))
        }
        guard error.domain == NSCocoaErrorDomain else { return error.localizedDescription }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteFileExists: return "file exists"
        case .fileWriteOutOfSpace: return "no space left on device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "not valid UTF-8 text"
        case .fileReadTooLarge: return "too large"
        default: return error.localizedDescription
        }
    }

    private static func posixReason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
