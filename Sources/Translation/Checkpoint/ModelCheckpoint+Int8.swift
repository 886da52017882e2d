import Autodiff
import Checkpoint
import Foundation
import Layers
import Model

/// Int8 checkpoints (`nmt quantize`): every matrix of the model stored as int8 with one Float32
/// scale per output unit, for decoding only (no optimizer moments, no training state).
///
/// In the file, a matrix NAME is the I8 tensor NAME in the model's shape and the F32 tensor
/// `NAME.scales` (one per output unit); the metadata `precision` is `int8` and `int8_units` maps
/// each int8 tensor to the axis of its output units (`columns` or `rows`). Vectors (biases,
/// layer-norm gains, the additive attention's energy) stay Float32.
extension ModelCheckpoint {
    /// The precision of a checkpoint's weights, from its `precision` metadata (absent: float32).
    public enum Precision: String, Sendable {
        case float32, int8
    }

    enum Int8Key {
        static let precision = "precision"
        static let units = "int8_units"
        static func scales(_ name: String) -> String { "\(name).scales" }
    }

    /// Which axis of a parameter holds its output units: an embedding table's rows (the
    /// target table is the tied output layer x·Eᵀ, and a lookup reads rows either way), every
    /// other matrix's columns (x·W). For int8 and for packed float32 forms alike.
    static func outputUnits(ofParameter name: String) -> WeightUnits {
        name.hasSuffix("embedding.weight") ? .rows : .columns
    }

    /// Gives every matrix of `model` its int8 form (`Tensor.useInt8`). Returns how many.
    @discardableResult
    public static func quantize(_ model: Seq2Seq) -> Int {
        var count = 0
        for (name, tensor) in model.namedParameters where tensor.shape.count == 2 && tensor.int8 == nil {
            tensor.useInt8(Int8Weight.quantizing(tensor, units: outputUnits(ofParameter: name)))
            count += 1
        }
        return count
    }

    /// What `save` writes for `parameters`: the Float32 tensors, the int8 ones, and the
    /// metadata entries that describe them (none when no parameter is int8).
    static func storage(of parameters: [(name: String, tensor: Tensor)]) throws
        -> (float: [(name: String, tensor: Tensor)], int8: [CheckpointFile.Int8Entry], metadata: [String: String]) {
        var float: [(name: String, tensor: Tensor)] = []
        var int8: [CheckpointFile.Int8Entry] = []
        var units: [String: String] = [:]
        for (name, tensor) in parameters {
            guard let weight = tensor.int8 else {
                float.append((name, tensor))
                continue
            }
            int8.append(.init(name: name, shape: weight.shape, values: weight.values))
            float.append((Int8Key.scales(name), Tensor(shape: [weight.scales.count], values: weight.scales)))
            units[name] = weight.units.rawValue
        }
        guard !int8.isEmpty else { return (float, [], [:]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let metadata = [Int8Key.precision: Precision.int8.rawValue,
                        Int8Key.units: String(decoding: try encoder.encode(units), as: UTF8.self)]
        return (float, int8, metadata)
    }

    /// The precision the file declares; a value other than float32 or int8 is refused.
    static func precision(of file: CheckpointFile, path: String) throws -> Precision {
        guard let text = file.metadata[Int8Key.precision] else { return .float32 }
        guard let precision = Precision(rawValue: text) else {
            throw CheckpointError.invalidContents(
                path: path, reason: "metadata `\(Int8Key.precision)` is \"\(text)\"; this build reads float32 or int8")
        }
        return precision
    }

    /// The names of the int8 tensors and the axis of their output units, from `int8_units`,
    /// each checked against the file: an I8 tensor of that name, its scales as long as that
    /// axis, every scale finite and ≥ 0, no value −128; and every I8 tensor listed.
    static func int8Layout(of file: CheckpointFile, path: String) throws -> [String: WeightUnits] {
        func refuse(_ reason: String) -> CheckpointError { .invalidContents(path: path, reason: reason) }
        guard let text = file.metadata[Int8Key.units] else {
            throw refuse("an int8 checkpoint needs metadata `\(Int8Key.units)`")
        }
        let raw: [String: String]
        do { raw = try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) } catch {
            throw refuse("metadata `\(Int8Key.units)` is not a JSON object of strings: \(error)")
        }
        var layout: [String: WeightUnits] = [:]
        for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let units = WeightUnits(rawValue: value) else {
                throw refuse("metadata `\(Int8Key.units)`: '\(name)' has units \"\(value)\"; expected columns or rows")
            }
            guard let entry = file.int8Tensor(named: name), entry.shape.count == 2 else {
                throw refuse("metadata `\(Int8Key.units)` lists '\(name)', which is no int8 matrix in the file")
            }
            let expected = units == .columns ? entry.shape[1] : entry.shape[0]
            guard let scales = file[Int8Key.scales(name)], scales.shape == [expected] else {
                throw refuse("int8 tensor '\(name)' \(entry.shape) needs F32 '\(Int8Key.scales(name))' of shape [\(expected)]")
            }
            if let bad = scales.values.firstIndex(where: { !($0 >= 0) }) {
                throw refuse("'\(Int8Key.scales(name))' holds \(scales.values[bad]) at index \(bad); scales are ≥ 0")
            }
            if let bad = entry.values.firstIndex(of: Int8.min) {
                throw refuse("int8 tensor '\(name)' holds -128 at index \(bad); int8 weights lie in -127...127")
            }
            layout[name] = units
        }
        if let unlisted = file.int8Tensors.first(where: { layout[$0.name] == nil }) {
            throw refuse("int8 tensor '\(unlisted.name)' is not in metadata `\(Int8Key.units)`")
        }
        return layout
    }

    /// Puts the file's int8 weights into `parameters` (their shapes already checked).
    static func loadInt8(_ file: CheckpointFile, layout: [String: WeightUnits],
                         into parameters: [(name: String, tensor: Tensor)]) {
        for (name, tensor) in parameters {
            guard let units = layout[name], let entry = file.int8Tensor(named: name),
                  let scales = file[Int8Key.scales(name)] else { continue }
            tensor.useInt8(Int8Weight(shape: entry.shape, values: entry.values, scales: scales.values, units: units))
        }
    }
}

extension ModelCheckpoint {
    /// What `writeInt8` wrote.
    public struct Int8Summary: Sendable {
        public var matrices: Int
        public var int8Parameters: Int
        public var parameters: Int
    }

    /// Writes the int8 copy of the float32 checkpoint at `input` to `output` (atomically): its
    /// configuration, text processing and shortlist, no optimizer state or training state.
    public static func writeInt8(from input: String, to output: String) throws -> Int8Summary {
        let loaded = try load(from: input)
        guard loaded.precision == .float32 else {
            throw CheckpointError.invalidContents(path: input, reason: "already an int8 checkpoint; quantize the float32 checkpoint it was made from")
        }
        let matrices = quantize(loaded.model)
        try save(to: output, model: loaded.model, optimizer: nil, codec: loaded.codec,
                 configuration: loaded.configuration, state: nil, shortlist: loaded.shortlist)
        let int8 = loaded.model.namedParameters.filter { $0.tensor.int8 != nil }.reduce(0) { $0 + $1.tensor.count }
        return Int8Summary(matrices: matrices, int8Parameters: int8, parameters: loaded.model.parameterCount)
    }
}
