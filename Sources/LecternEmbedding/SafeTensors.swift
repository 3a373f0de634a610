import FoundationEssentials

/// A safetensors file mapped into memory: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw tensor data.
public struct SafeTensors: Sendable {
    public struct Tensor: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range of the tensor inside the data section.
        public let range: Range<Int>

        public var elementCount: Int { shape.reduce(1, *) }
    }

    public let path: String
    public let tensors: [String: Tensor]
    private let file: MappedFile
    private let dataStart: Int

    static let bytesPerElement: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]
    /// Headers of real models are kilobytes; a huge length means the file is not safetensors.
    static let maxHeaderBytes = 100_000_000

    public init(path: String) throws(EmbeddingError) {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        func fail(_ problem: String) -> EmbeddingError { EmbeddingError.model(path, problem) }

        guard bytes.count >= 8 else { throw fail("not a safetensors file (only \(bytes.count) bytes)") }
        var headerLength = 0
        for i in 0..<8 { headerLength |= Int(bytes[i]) << (8 * i) }
        guard headerLength > 1, headerLength <= Self.maxHeaderBytes else {
            throw fail("not a safetensors file (header length \(headerLength))")
        }
        guard 8 + headerLength <= bytes.count else {
            throw fail("truncated: the header needs \(8 + headerLength) bytes, the file has \(bytes.count)")
        }
        let header = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)])
        let entries: [String: HeaderEntry]
        do {
            entries = try JSONDecoder().decode([String: HeaderEntry].self, from: Data(header))
        } catch {
            throw fail("corrupt header (not the JSON safetensors expects)")
        }

        let dataSize = bytes.count - 8 - headerLength
        var tensors: [String: Tensor] = [:]
        var end = 0
        for (name, entry) in entries {
            guard case .tensor(let dtype, let shape, let offsets) = entry else { continue }
            guard let width = Self.bytesPerElement[dtype] else { throw fail("tensor \(name) has unknown dtype \(dtype)") }
            guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("tensor \(name) has invalid offsets \(offsets) or shape \(shape)")
            }
            let tensor = Tensor(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
            guard tensor.range.count == tensor.elementCount * width else {
                throw fail("tensor \(name): shape \(shape) of \(dtype) needs \(tensor.elementCount * width) bytes, the header gives \(tensor.range.count)")
            }
            guard offsets[1] <= dataSize else {
                throw fail("truncated: tensor \(name) ends at byte \(offsets[1]) of a data section of \(dataSize) bytes")
            }
            end = max(end, offsets[1])
            tensors[name] = tensor
        }
        guard end == dataSize else {
            throw fail("size mismatch: the header describes \(end) bytes of tensor data, the file holds \(dataSize)")
        }
        self.path = path
        self.tensors = tensors
        self.file = file
        self.dataStart = 8 + headerLength
    }

    /// The float32 values of tensor `name`, which must have exactly `shape`.
    public func floats(_ name: String, shape: [Int]) throws(EmbeddingError) -> [Float] {
        let source = try checkedFloatBytes(name, shape: shape)
        let values = [Float](unsafeUninitializedCapacity: source.count / 4) { buffer, count in
            // Copying bytes also handles a data section that is not 4-byte aligned.
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            count = source.count / 4
        }
        try values.withUnsafeBufferPointer { (buffer) throws(EmbeddingError) in try requireFinite(buffer, name) }
        return values
    }

    /// The same values copied straight into cache-line-aligned memory.
    func alignedFloats(_ name: String, shape: [Int]) throws(EmbeddingError) -> AlignedFloats {
        let source = try checkedFloatBytes(name, shape: shape)
        let values = AlignedFloats(count: source.count / 4)
        UnsafeMutableRawPointer(values.pointer).copyMemory(from: source.baseAddress!, byteCount: source.count)
        try requireFinite(UnsafeBufferPointer(start: values.pointer, count: values.count), name)
        return values
    }

    /// The values where they are in the mapped file (when 4-byte aligned; copied otherwise).
    func mappedFloats(_ name: String, shape: [Int]) throws(EmbeddingError) -> AlignedFloats {
        let source = try checkedFloatBytes(name, shape: shape)
        guard let base = source.baseAddress, Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 else {
            return try alignedFloats(name, shape: shape)
        }
        let values = AlignedFloats(borrowing: base.assumingMemoryBound(to: Float.self), count: source.count / 4, owner: file)
        try requireFinite(UnsafeBufferPointer(start: values.pointer, count: values.count), name)
        return values
    }

    /// Writes the transpose of the `rows × columns` tensor `name` into `destination`, a row-major
    /// matrix `destinationColumns` wide, from column `columnOffset` on: straight from the mapped
    /// bytes, with no intermediate copies.
    func transpose(_ name: String, rows: Int, columns: Int, into destination: AlignedFloats,
                   columnOffset: Int = 0, destinationColumns: Int? = nil) throws(EmbeddingError) {
        let source = try checkedFloatBytes(name, shape: [rows, columns])
        let width = destinationColumns ?? rows
        precondition(columnOffset + rows <= width && columns * width <= destination.count)
        let out = destination.pointer
        var probe: Float = 0   // as in requireFinite: x·0 is 0 unless x is NaN or infinite
        // In 16 × 16 blocks: a plain double loop wrote every float to a different cache line.
        let block = 16
        for r0 in stride(from: 0, to: rows, by: block) {
            for c0 in stride(from: 0, to: columns, by: block) {
                for r in r0..<min(r0 + block, rows) {
                    for c in c0..<min(c0 + block, columns) {
                        let value = source.loadUnaligned(fromByteOffset: (r * columns + c) * 4, as: Float.self)
                        probe += value * 0
                        out[c * width + columnOffset + r] = value
                    }
                }
            }
        }
        if probe != 0 || probe.isNaN {
            let copy = (0..<(rows * columns)).map { source.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
            try copy.withUnsafeBufferPointer { (values) throws(EmbeddingError) in try requireFinite(values, name) }
        }
    }

    /// A NaN or infinity in a weight can only come from a damaged file; refusing it here beats
    /// turning every embedding into NaN later.
    private func requireFinite(_ values: UnsafeBufferPointer<Float>, _ name: String) throws(EmbeddingError) {
        // x·0 is 0 for every finite x and NaN otherwise: one vector pass at start-up, and the
        // element is looked for only when something is wrong.
        guard let base = values.baseAddress else { return }
        var probe = SIMD8<Float>()
        var i = 0
        while i + 8 <= values.count {
            probe += VectorMath.load(base + i) * 0
            i += 8
        }
        while i < values.count { probe[0] += base[i] * 0; i += 1 }
        if probe.sum() == 0 { return }
        for (i, value) in values.enumerated() where !value.isFinite {
            throw EmbeddingError.model(path, "corrupt: tensor \(name) holds \(value) at element \(i)")
        }
    }

    private func checkedFloatBytes(_ name: String, shape: [Int]) throws(EmbeddingError) -> UnsafeRawBufferPointer {
        guard let tensor = tensors[name] else { throw EmbeddingError.model(path, "tensor \(name) is missing") }
        guard tensor.dtype == "F32" else {
            throw EmbeddingError.model(path, "tensor \(name) is \(tensor.dtype), expected F32")
        }
        guard tensor.shape == shape else {
            throw EmbeddingError.model(path, "tensor \(name) has shape \(tensor.shape), expected \(shape)")
        }
        return UnsafeRawBufferPointer(rebasing: file.bytes[(dataStart + tensor.range.lowerBound)..<(dataStart + tensor.range.upperBound)])
    }

    private enum HeaderEntry: Decodable {
        case tensor(dtype: String, shape: [Int], offsets: [Int])
        case other

        private enum Keys: String, CodingKey { case dtype, shape, data_offsets }

        init(from decoder: any Decoder) throws {
            guard let object = try? decoder.container(keyedBy: Keys.self),
                  object.contains(.dtype) else {
                self = .other
                return
            }
            self = .tensor(dtype: try object.decode(String.self, forKey: .dtype),
                           shape: try object.decode([Int].self, forKey: .shape),
                           offsets: try object.decode([Int].self, forKey: .data_offsets))
        }
    }
}
