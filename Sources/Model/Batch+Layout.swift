import Batching
import Layers
import Text

extension Batch {
    /// The source side's layout for the sequence layers: [S·B] time-major, `sourceLengths[b]`
    /// real steps per sentence (the `</s>` counts).
    public var sourceLayout: SequenceLayout { SequenceLayout(lengths: sourceLengths, steps: sourceLength) }
}
