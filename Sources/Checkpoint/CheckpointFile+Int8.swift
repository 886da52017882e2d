extension CheckpointFile {
    /// An int8 tensor (dtype I8): the int8 weights of an int8 checkpoint.
    public struct Int8Entry: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        /// Row-major, `shape.reduce(1, *)` values.
        public var values: [Int8]

        public init(name: String, shape: [Int], values: [Int8]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The int8 tensor named `name`, if any.
    public func int8Tensor(named name: String) -> Int8Entry? {
        int8Tensors.first { $0.name == name }
    }
}
