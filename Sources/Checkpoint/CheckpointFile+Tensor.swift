import Autodiff

extension CheckpointFile {
    /// Writes `tensors` and `metadata` atomically to `path`, hashing and writing each tensor's
    /// buffer in place (no intermediate `[Float]`). The file is the same as
    /// `CheckpointFile(tensors:metadata:).write(to:)` would produce from the same values.
    /// `int8Tensors` (an int8 checkpoint's weights) follow the Float32 tensors.
    public static func write(_ tensors: [(name: String, tensor: Tensor)], int8Tensors: [Int8Entry] = [],
                             metadata: [String: String], to path: String) throws {
        let sources = tensors.map { named in
            let tensor = named.tensor
            return TensorSource(name: named.name, shape: tensor.shape) { body in
                try body(UnsafeRawBufferPointer(start: tensor.data, count: tensor.count * MemoryLayout<Float>.size))
            }
        } + int8Tensors.map { entry in
            TensorSource(name: entry.name, dtype: .int8, shape: entry.shape) { try entry.values.withUnsafeBytes($0) }
        }
        try write(sources, metadata: metadata, to: path)
    }

    /// Copies the checkpoint's values into `tensors`, matched by name. Nothing is assigned unless
    /// every model tensor is in the checkpoint with exactly its shape and, unless
    /// `allowingUnexpected`, every checkpoint tensor is in the model (pass true to load the model
    /// alone from a checkpoint that also holds optimizer state). The error lists all problems.
    public func load(into tensors: [(name: String, tensor: Tensor)], allowingUnexpected: Bool = false) throws {
        let path = sourcePath ?? "checkpoint"
        var entryIndex: [String: Int] = [:]
        for (index, entry) in self.tensors.enumerated() { entryIndex[entry.name] = index }

        var modelNames = Set<String>()
        var missing: [String] = []
        var misshaped: [CheckpointError.ShapeMismatch] = []
        for (name, tensor) in tensors {
            guard modelNames.insert(name).inserted else {
                throw CheckpointError.invalidContents(path: path, reason: "two model tensors are named '\(name)'")
            }
            guard let index = entryIndex[name] else {
                missing.append(name)
                continue
            }
            let shape = self.tensors[index].shape
            if shape != tensor.shape {
                misshaped.append(.init(name: name, checkpoint: shape, model: tensor.shape))
            }
        }
        let unexpected = allowingUnexpected ? [] : self.tensors.map(\.name).filter { !modelNames.contains($0) }
        guard missing.isEmpty, unexpected.isEmpty, misshaped.isEmpty else {
            throw CheckpointError.tensorMismatch(path: path, missing: missing, unexpected: unexpected, misshaped: misshaped)
        }
        for (name, tensor) in tensors {
            if let index = entryIndex[name] { tensor.assign(self.tensors[index].values) }
        }
    }
}
