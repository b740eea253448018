import Foundation

/// A model file (safetensors layout) taken apart for tests that damage it: the header as a JSON
/// dictionary, the data section as bytes, and the way back to a file's bytes.
public struct ModelFileSurgery {
    /// The header: tensor name → `["dtype", "shape", "data_offsets"]`, and `__metadata__` → strings.
    public var header: [String: Any]
    /// Everything after the header.
    public var data: [UInt8]

    /// The parts of a well-formed file's bytes.
    public init(bytes: [UInt8]) throws {
        let length = Int(bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian)
        header = try JSONSerialization.jsonObject(with: Data(bytes[8 ..< 8 + length])) as! [String: Any]
        data = Array(bytes[(8 + length)...])
    }

    /// The parts of the file at `path`.
    public init(path: String) throws {
        try self.init(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The header's JSON bytes (keys sorted, so the same parts give the same bytes).
    public var headerBytes: [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    }

    /// The file: the header's length (or `declaredLength`), the header, the data.
    public func bytes(declaredLength: UInt64? = nil) -> [UInt8] {
        let json = headerBytes
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + json + data
    }

    /// The byte offset where the data section starts in `bytes()`.
    public var dataStart: Int { 8 + headerBytes.count }

    /// The tensor names in data order.
    public var tensorNames: [String] {
        header.keys.filter { $0 != "__metadata__" }.sorted { offsets($0)[0] < offsets($1)[0] }
    }

    /// The `[begin, end]` of tensor `name`.
    public func offsets(_ name: String) -> [Int] {
        (header[name] as! [String: Any])["data_offsets"] as! [Int]
    }

    /// Sets field `field` (`dtype`, `shape`, `data_offsets`) of tensor `name`.
    public mutating func set(_ name: String, _ field: String, _ value: Any) {
        var entry = header[name] as! [String: Any]
        entry[field] = value
        header[name] = entry
    }

    /// The metadata string under `key`.
    public func metadata(_ key: String) -> String? {
        (header["__metadata__"] as! [String: String])[key]
    }

    /// Sets (or with nil removes) the metadata string under `key`.
    public mutating func setMetadata(_ key: String, _ value: String?) {
        var metadata = header["__metadata__"] as! [String: String]
        metadata[key] = value
        header["__metadata__"] = metadata
    }

    /// Edits the JSON object stored as the metadata string under `key`.
    public mutating func editMetadataJSON(_ key: String, _ edit: (inout [String: Any]) -> Void) {
        var object = try! JSONSerialization.jsonObject(with: Data(metadata(key)!.utf8)) as! [String: Any]
        edit(&object)
        setMetadata(key, String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
    }

    /// Overwrites the Float32 at `index` of tensor `name` with `value`.
    public mutating func setScalar(_ name: String, _ index: Int, _ value: Float) {
        let at = offsets(name)[0] + 4 * index
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.replaceSubrange(at ..< at + 4, with: $0) }
    }

    /// Removes tensor `name` and its bytes, moving the later tensors' offsets down.
    public mutating func remove(_ name: String) {
        let range = offsets(name)
        let width = range[1] - range[0]
        data.removeSubrange(range[0] ..< range[1])
        header[name] = nil
        for other in tensorNames where offsets(other)[0] >= range[1] {
            set(other, "data_offsets", offsets(other).map { $0 - width })
        }
    }

    /// Appends a tensor `name` of `values` after the others.
    public mutating func append(_ name: String, shape: [Int], values: [Float]) {
        let begin = data.count
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [begin, data.count]]
    }
}
