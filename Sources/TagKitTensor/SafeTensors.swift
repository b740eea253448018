/// Named Float32 tensors plus a string map, in the **safetensors** layout
/// (https://github.com/huggingface/safetensors), so Python's `safetensors` or a few lines of
/// `struct` + `json` + `numpy` read the weights:
///
/// ```
/// bytes 0..<8     N, the header length, UInt64 little-endian
/// bytes 8..<8+N   JSON: {"__metadata__": {"key": "value", …},
///                        "name": {"dtype": "F32", "shape": [d0, d1, …], "data_offsets": [begin, end]}, …}
///                 padded with spaces to a multiple of 8 bytes
/// bytes 8+N…      the data: tensor `name` is bytes begin..<end of this region, row-major
///                 little-endian Float32; regions follow each other without gaps or overlap
/// ```
///
/// Tensors keep the order they were given in (data regions in that order); metadata keys are
/// written sorted. Reading validates the whole header before allocating any tensor.
public struct SafeTensors: Equatable, Sendable {
    /// The tensors, in file order.
    public var tensors: [(name: String, tensor: Tensor)]
    /// The free-form string map (`__metadata__`): configuration, vocabularies, …
    public var metadata: [String: String]

    /// The largest header accepted (as the reference implementation: 100 MB).
    public static let maximumHeaderLength = 100_000_000

    /// A file of `tensors` (unique names, none called `__metadata__`) and `metadata`.
    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        precondition(Set(tensors.map(\.name)).count == tensors.count, "duplicate tensor names")
        precondition(!tensors.contains { $0.name == "__metadata__" }, "a tensor may not be called __metadata__")
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, if any.
    public subscript(name: String) -> Tensor? {
        tensors.first { $0.name == name }?.tensor
    }

    public static func == (a: SafeTensors, b: SafeTensors) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }

    // MARK: Writing

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var header = "{"
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONValue.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += entries.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: headerBytes)
        for (_, tensor) in tensors {
            tensor.withUnsafeBufferPointer { values in
                #if _endian(little)
                bytes.append(contentsOf: UnsafeRawBufferPointer(values))
                #else
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                #endif
            }
        }
        return bytes
    }

    /// Writes the file atomically (temporary file + rename): `path` never holds a partial file.
    public func write(to path: String) throws(TensorFileError) {
        try AtomicFile.write(encoded(), to: path)
    }

    // MARK: Reading

    /// Reads and validates the file at `path`. The header is read and checked first; each tensor's
    /// bytes are then read from the file straight into that tensor's storage, so loading never holds
    /// the file's bytes and the tensors at the same time.
    public init(contentsOf path: String) throws(TensorFileError) {
        let (metadata, file) = try Self.read(contentsOf: path) { metadata throws(TensorFileError) in metadata }
        self = file
        self.metadata = metadata
    }

    /// Reads the file at `path` in two steps, so that a loader can decode the metadata, and let go of
    /// what decoding took, before the tensors take their memory: the header is read and checked,
    /// `prepare` gets its metadata, and only when it has returned are the tensors read, as
    /// `init(contentsOf:)` reads them. Returns what `prepare` returned and the tensors (without the
    /// metadata). An error from `prepare` is thrown before any tensor is read.
    public static func read<Prepared>(contentsOf path: String,
                                      prepare: ([String: String]) throws(TensorFileError) -> Prepared)
        throws(TensorFileError) -> (prepared: Prepared, tensors: SafeTensors) {
        let file = try ReadOnlyFile(path: path)
        var layout = try readHeader(file)
        let prepared = try prepare(layout.metadata)
        layout.metadata = [:]
        var tensors: [(name: String, tensor: Tensor)] = []
        tensors.reserveCapacity(layout.entries.count)
        for entry in layout.entries {
            var scalars = try file.read(Float.self, count: (entry.end - entry.begin) / 4, at: layout.dataStart + entry.begin)
            #if !_endian(little)
            for i in scalars.indices { scalars[i] = Float(bitPattern: UInt32(littleEndian: scalars[i].bitPattern)) }
            #endif
            tensors.append((entry.name, Tensor(shape: entry.shape, scalars: scalars)))
        }
        return (prepared, SafeTensors(tensors: tensors))
    }

    /// The checked header of `file` (its bytes are let go once parsed).
    private static func readHeader(_ file: ReadOnlyFile) throws(TensorFileError) -> SafeTensorsHeader {
        let headerBytes = try file.read(UInt8.self, count: try readHeaderLength(file), at: 8)
        return try headerBytes.withUnsafeBytes { header in
            Result { () throws(TensorFileError) in try SafeTensorsHeader(header: header, fileSize: file.size, path: file.path) }
        }.get()
    }

    /// The header length of `file`, checked against the file's size and the limit.
    private static func readHeaderLength(_ file: ReadOnlyFile) throws(TensorFileError) -> Int {
        guard file.size >= 8 else {
            throw TensorFileError(path: file.path, byteOffset: 0, expected: "an 8-byte header length", found: "a file of \(file.size) bytes")
        }
        let declared = try file.read(UInt64.self, count: 1, at: 0)[0]
        return try checkedHeaderLength(UInt64(littleEndian: declared), fileSize: file.size, path: file.path)
    }

    /// `declared` as an `Int` if it fits the file of `fileSize` bytes and the limit.
    private static func checkedHeaderLength(_ declared: UInt64, fileSize: Int, path: String) throws(TensorFileError) -> Int {
        guard declared <= UInt64(maximumHeaderLength) else {
            throw TensorFileError(path: path, byteOffset: 0, expected: "a header length of at most \(maximumHeaderLength) bytes",
                                  found: "\(declared)")
        }
        guard Int(declared) <= fileSize - 8 else {
            throw TensorFileError(path: path, byteOffset: 0,
                                  expected: "a header length within the file's \(fileSize - 8) bytes after the length", found: "\(declared)")
        }
        return Int(declared)
    }

    /// Decodes a whole file's bytes; `path` only names the source in errors.
    ///
    /// Checks, before allocating any tensor, that the header length fits the file and the limit and
    /// that the header is valid (`SafeTensorsHeader` lists the checks).
    public init(decoding bytes: UnsafeRawBufferPointer, path: String) throws(TensorFileError) {
        guard bytes.count >= 8 else {
            throw TensorFileError(path: path, byteOffset: 0, expected: "an 8-byte header length", found: "a file of \(bytes.count) bytes")
        }
        let headerLength = try Self.checkedHeaderLength(bytes.loadUnaligned(as: UInt64.self).littleEndian,
                                                        fileSize: bytes.count, path: path)
        let layout = try SafeTensorsHeader(header: UnsafeRawBufferPointer(rebasing: bytes[8 ..< 8 + headerLength]),
                                fileSize: bytes.count, path: path)
        tensors = layout.entries.map { entry in
            var tensor = Tensor.zeros(entry.shape)
            tensor.withUnsafeMutableBufferPointer { target in
                let source = UnsafeRawBufferPointer(rebasing: bytes[layout.dataStart + entry.begin ..< layout.dataStart + entry.end])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(target).copyMemory(from: source)
                #else
                for i in target.indices {
                    target[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
                #endif
            }
            return (entry.name, tensor)
        }
        metadata = layout.metadata
    }
}

/// A validated safetensors header: where each tensor's bytes are, and the metadata.
private struct SafeTensorsHeader {
    struct Entry { var name: String; var shape: [Int]; var begin: Int; var end: Int }
    /// The tensors in header order; `begin..<end` is relative to `dataStart`.
    var entries: [Entry] = []
    var metadata: [String: String] = [:]
    /// The file offset of the data region (`8 + header length`).
    let dataStart: Int

    /// Parses and checks `header` (the bytes after the length) of a file of `fileSize` bytes.
    /// Checks: the header is a JSON object of UTF-8 strings with unique names; every entry has exactly
    /// `dtype` `"F32"`, a `shape` of non-negative integers and `data_offsets` `[begin, end]` with
    /// `begin ≤ end ≤` the data length; `end − begin = 4 · Π shape` (without overflow); the regions
    /// tile the data region exactly (no gap, no overlap, nothing after the last); `__metadata__`
    /// maps strings to strings.
    init(header headerBytes: UnsafeRawBufferPointer, fileSize: Int, path: String) throws(TensorFileError) {
        func fail(_ offset: Int, _ expected: String, _ found: String) -> TensorFileError {
            TensorFileError(path: path, byteOffset: offset, expected: expected, found: found)
        }
        dataStart = 8 + headerBytes.count
        let dataLength = fileSize - dataStart

        let root: JSONValue
        do {
            root = try JSONValue.parse(headerBytes)
        } catch {
            throw fail(8 + error.offset, error.expected, error.found)
        }
        guard case .object(let members) = root else { throw fail(8, "a JSON object as header", "another JSON value") }

        var seen = Set<String>()
        for member in members {
            let (name, value) = (member.key, member.value)
            let at = 8 + member.offset
            let here = "in the header entry \(JSONValue.quoted(name))"
            guard seen.insert(name).inserted else { throw fail(at, "unique names in the header", "\(JSONValue.quoted(name)) twice") }
            guard case .object(let fields) = value else { throw fail(at, "an object \(here)", "another JSON value") }
            if name == "__metadata__" {
                for field in fields {
                    let (key, item) = (field.key, field.value)
                    guard case .string(let text) = item else { throw fail(8 + field.offset, "string values in __metadata__", "a non-string at \(JSONValue.quoted(key))") }
                    metadata[key] = text
                }
                continue
            }
            var dtype: String?, shape: [Int]?, offsets: [Int]?
            var dtypeAt = at, shapeAt = at, offsetsAt = at
            for entry in fields {
                let (field, item) = (entry.key, entry.value)
                let fieldAt = 8 + entry.offset
                switch (field, item) {
                case ("dtype", .string(let text)) where dtype == nil:
                    dtype = text
                    dtypeAt = fieldAt
                case ("shape", .array(let items)) where shape == nil:
                    shapeAt = fieldAt
                    shape = try items.map { (item) throws(TensorFileError) -> Int in
                        guard case .integer(let extent) = item, extent >= 0 else {
                            throw fail(fieldAt, "non-negative integer extents \(here)", "\(item)")
                        }
                        return extent
                    }
                case ("data_offsets", .array(let items)) where offsets == nil:
                    offsetsAt = fieldAt
                    offsets = try items.map { (item) throws(TensorFileError) -> Int in
                        guard case .integer(let offset) = item, offset >= 0 else {
                            throw fail(fieldAt, "non-negative integer offsets \(here)", "\(item)")
                        }
                        return offset
                    }
                default:
                    throw fail(fieldAt, "only dtype (string), shape and data_offsets (arrays), once each, \(here)", "field \(JSONValue.quoted(field))")
                }
            }
            guard let dtype, let shape, let offsets else {
                throw fail(at, "dtype, shape and data_offsets \(here)", "a missing field")
            }
            guard dtype == "F32" else { throw fail(dtypeAt, "dtype F32 \(here)", dtype) }
            guard offsets.count == 2, offsets[0] <= offsets[1], offsets[1] <= dataLength else {
                throw fail(offsetsAt, "data_offsets [begin, end] with begin ≤ end ≤ \(dataLength) (the data length) \(here)", "\(offsets)")
            }
            var elements = 1
            for extent in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: extent)
                guard !overflow, product <= dataLength / 4 else {
                    throw fail(shapeAt, "a shape that fits the \(dataLength) data bytes \(here)", "\(shape)")
                }
                elements = product
            }
            guard offsets[1] - offsets[0] == elements * 4 else {
                throw fail(offsetsAt, "\(elements * 4) bytes (4 × \(shape.map(String.init).joined(separator: " × "))) \(here)",
                           "\(offsets[1] - offsets[0]) bytes")
            }
            entries.append(Entry(name: name, shape: shape, begin: offsets[0], end: offsets[1]))
        }
        var expectedBegin = 0
        for entry in entries.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            guard entry.begin == expectedBegin else {
                let problem = entry.begin < expectedBegin ? "overlaps the previous tensor" : "leaves a gap"
                throw fail(dataStart + entry.begin, "tensor data regions that tile the data without gaps or overlap",
                           "\(JSONValue.quoted(entry.name)) at \(entry.begin) that \(problem)")
            }
            expectedBegin = entry.end
        }
        guard expectedBegin == dataLength else {
            throw fail(dataStart + expectedBegin, "the end of the file after the last tensor", "\(dataLength - expectedBegin) more bytes")
        }
    }
}
