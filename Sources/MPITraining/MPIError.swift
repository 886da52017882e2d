import COpenMPI

/// A failed MPI call, with the library's own words for the code (`MPI_ERR_TRUNCATE: message
/// truncated`).
public struct MPIError: Error, CustomStringConvertible {
    public let call: String
    public let code: Int32
    public let reason: String

    public var description: String { "\(call) failed: \(reason)" }

    init(call: String, code: Int32) {
        self.call = call
        self.code = code
        var text = [CChar](repeating: 0, count: Int(nmt_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        reason = MPI_Error_string(code, &text, &length) == nmt_mpi_success()
            ? String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "error \(code)"
    }

    /// Throws unless `code` is MPI_SUCCESS.
    static func check(_ code: Int32, _ call: String) throws {
        guard code != nmt_mpi_success() else { return }
        throw MPIError(call: call, code: code)
    }
}
