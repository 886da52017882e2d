import Autodiff
import Foundation

/// The group of one process: `nmt train` without mpirun. Every collective is the identity.
public final class SingleProcessGroup: TrainingGroup {
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }
    public var ranksOnThisMachine: Int { 1 }
    public var cores: Int { Parallel.cores }
    /// Nobody to wait for.
    public var rankTimeoutSeconds = 0

    public func allReduceSum(_ buffer: UnsafeMutableBufferPointer<Float>) throws {}
    public func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws {}
    public func barrier() throws {}
    public func abort(status: Int32) -> Never { exit(status) }
    public func finish() {}
}
