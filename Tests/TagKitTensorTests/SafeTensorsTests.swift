import Foundation
import Testing
import TagKitTestSupport
@testable import TagKitTensor

@Suite struct SafeTensorsTests {
    private let sample = SafeTensors(
        tensors: [("dense.weight", Tensor(shape: [2, 3], scalars: [1, -2.5, 3e-8, .pi, -0, 65504])),
                  ("dense.bias", Tensor(shape: [2], scalars: [0.5, -0.25])),
                  ("scalar", Tensor(scalar: 7)),
                  ("empty", Tensor.zeros([0, 4]))],
        metadata: ["config": "{\"hidden\": 10}", "vocabulary": "a\tb\n\"c\"\\ д ✓ \u{1}"])

    private func runPython(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func roundTripIsExact() throws {
        let bytes = sample.encoded()
        let decoded = try bytes.withUnsafeBytes { try SafeTensors(decoding: $0, path: "x") }
        #expect(decoded == sample)
        #expect(decoded.encoded() == bytes)
        #expect(UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }) % 8 == 0)
    }

    /// Python with only struct, json and numpy reads what TagKit writes.
    @Test func pythonReadsTheFile() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("model.safetensors").path
        try sample.write(to: path)
        let script = """
        import json, struct, sys, numpy as np
        data = open(sys.argv[1], 'rb').read()
        (n,) = struct.unpack('<Q', data[:8])
        header = json.loads(data[8:8 + n])
        meta = header.pop('__metadata__')
        print(json.dumps(meta, sort_keys=True, ensure_ascii=True))
        for name, entry in header.items():
            b, e = entry['data_offsets']
            a = np.frombuffer(data[8 + n + b:8 + n + e], dtype='<f4').reshape(entry['shape'])
            print(name, entry['dtype'], json.dumps(list(a.shape), separators=(',', ':')), ' '.join(repr(float(v)) for v in a.ravel()))
        """
        let lines = try runPython(script, [path]).split(separator: "\n").map(String.init)
        let metadata = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String]
        #expect(metadata == sample.metadata)
        #expect(lines.count == 1 + sample.tensors.count)
        for (line, (name, tensor)) in zip(lines.dropFirst(), sample.tensors) {
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            #expect(fields[0] == name && fields[1] == "F32")
            #expect(String(fields[2]) == "\(tensor.shape)".replacingOccurrences(of: " ", with: ""))
            let values = fields.count > 3 ? fields[3].split(separator: " ").map { Float(Double($0)!) } : []
            #expect(values == tensor.scalars)
        }
    }

    /// TagKit reads what Python writes by hand (keys in another order than the data).
    @Test func readsAFileWrittenByPython() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("py.safetensors").path
        let script = """
        import json, struct, sys, numpy as np
        a = np.arange(6, dtype='<f4').reshape(2, 3) / 4
        b = np.array([-1.5], dtype='<f4')
        header = {'b': {'dtype': 'F32', 'shape': [1], 'data_offsets': [24, 28]},
                  'a': {'dtype': 'F32', 'shape': [2, 3], 'data_offsets': [0, 24]},
                  '__metadata__': {'format': 'pt'}}
        h = json.dumps(header).encode()
        open(sys.argv[1], 'wb').write(struct.pack('<Q', len(h)) + h + a.tobytes() + b.tobytes())
        """
        _ = try runPython(script, [path])
        let file = try SafeTensors(contentsOf: path)
        #expect(file.metadata == ["format": "pt"])
        #expect(file["a"] == Tensor(shape: [2, 3], scalars: [0, 0.25, 0.5, 0.75, 1, 1.25]))
        #expect(file["b"] == Tensor(shape: [1], scalars: [-1.5]))
    }

    @Test func writeReplacesAtomicallyAndFailsCleanly() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("m.safetensors").path
        try SafeTensors(tensors: [("x", Tensor(scalar: 1))]).write(to: path)
        try sample.write(to: path)
        #expect(try SafeTensors(contentsOf: path) == sample)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["m.safetensors"])
        #expect(throws: TensorFileError.self) { try sample.write(to: directory.appendingPathComponent("no/such/dir.st").path) }
        #expect(throws: TensorFileError.self) { try SafeTensors(contentsOf: directory.appendingPathComponent("missing").path) }
    }

    /// Reading in two steps hands the metadata over before the tensors are read, returns the tensors
    /// `init(contentsOf:)` reads, and stops at an error from the first step.
    @Test func readingInTwoStepsGivesTheMetadataFirst() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("m.safetensors").path
        try sample.write(to: path)
        let (keys, file) = try SafeTensors.read(contentsOf: path) { metadata throws(TensorFileError) in metadata.keys.sorted() }
        #expect(keys == sample.metadata.keys.sorted())
        #expect(file.metadata.isEmpty)
        #expect(file.tensors.map(\.name) == sample.tensors.map(\.name))
        #expect(file.tensors.map(\.tensor) == sample.tensors.map(\.tensor))
        #expect(throws: TensorFileError(path: path, reason: "refused")) {
            _ = try SafeTensors.read(contentsOf: path) { _ throws(TensorFileError) -> Int in throw TensorFileError(path: path, reason: "refused") }
        }
    }

    /// Reading a file (header first, then each tensor straight into its storage) reports the same
    /// errors as decoding its bytes, for a file cut short and one too short for the length.
    @Test func readingAFileChecksLikeDecodingItsBytes() throws {
        let directory = try SharedData.temporaryDirectory()
        let path = directory.appendingPathComponent("cut.safetensors").path
        for bytes in [Array(sample.encoded().dropLast(4)), [1, 2, 3]] {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let decodingError = error(bytes).map { TensorFileError(path: path, byteOffset: $0.byteOffset!, expected: $0.expected, found: $0.found) }
            #expect(decodingError != nil)
            #expect(throws: decodingError!) { try SafeTensors(contentsOf: path) }
        }
    }

    /// A file of `header` (JSON text) followed by `dataLength` bytes of data.
    private func file(_ header: String, dataLength: Int, declaredLength: UInt64? = nil) -> [UInt8] {
        let json = Array(header.utf8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + json + [UInt8](repeating: 0, count: dataLength)
    }

    private func error(_ bytes: [UInt8]) -> TensorFileError? {
        do {
            _ = try bytes.withUnsafeBytes { try SafeTensors(decoding: $0, path: "bad.st") }
            return nil
        } catch {
            return error as? TensorFileError
        }
    }

    @Test func rejectsMalformedFiles() {
        let entry = { (name: String, shape: String, offsets: String) in
            "\"\(name)\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
        }
        let cases: [(bytes: [UInt8], expected: String)] = [
            ([1, 2, 3], "an 8-byte header length"),
            (file("{}", dataLength: 0, declaredLength: 1 << 40), "a header length of at most"),
            (file("{}", dataLength: 0, declaredLength: 50), "a header length within the file"),
            (file("{\"a\":", dataLength: 0), "a JSON value"),
            (file("[]", dataLength: 0), "a JSON object as header"),
            (file("{\(entry("a", "[2]", "[0,8]")),\(entry("a", "[2]", "[8,16]"))}", dataLength: 16), "unique names"),
            (file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", dataLength: 4), "dtype F32"),
            (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", dataLength: 8), "dtype, shape and data_offsets"),
            (file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", dataLength: 8), "only dtype"),
            (file("{\(entry("a", "[-2]", "[0,8]"))}", dataLength: 8), "non-negative integer extents"),
            (file("{\(entry("a", "[2]", "[0,8]"))}", dataLength: 4), "begin ≤ end ≤ 4"),
            (file("{\(entry("a", "[2]", "[8,0]"))}", dataLength: 8), "begin ≤ end"),
            (file("{\(entry("a", "[3]", "[0,8]"))}", dataLength: 12), "12 bytes (4 × 3)"),
            (file("{\(entry("a", "[4294967296,4294967296]", "[0,8]"))}", dataLength: 8), "a shape that fits"),
            (file("{\(entry("a", "[99999999999999999999]", "[0,8]"))}", dataLength: 8), "an integer below"),
            (file("{\(entry("a", "[2]", "[0,8]")),\(entry("b", "[2]", "[4,12]"))}", dataLength: 12), "without gaps or overlap"),
            (file("{\(entry("a", "[1]", "[4,8]"))}", dataLength: 8), "without gaps or overlap"),
            (file("{\(entry("a", "[1]", "[0,4]"))}", dataLength: 8), "the end of the file"),
            (file("{\"__metadata__\":{\"k\":1}}", dataLength: 0), "string values in __metadata__"),
            (file("{\"a\\q\":1}", dataLength: 0), "an escape"),
        ]
        for (bytes, expected) in cases {
            let failure = error(bytes)
            #expect(failure?.expected.contains(expected) == true, "\(expected): \(failure.map(String.init(describing:)) ?? "accepted")")
            #expect(failure?.description.hasPrefix("bad.st: byte ") == true)
        }
    }

    /// Errors point at the offending value: the byte offset in the file where it starts.
    @Test func errorsNameTheByteOffset() {
        let dtype = "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}"
        func start(of needle: String, in text: String) -> Int {
            8 + text.utf8.count - text.components(separatedBy: needle).dropFirst().joined(separator: needle).utf8.count - needle.utf8.count
        }
        #expect(error(file(dtype, dataLength: 2))?.byteOffset == start(of: "\"F16\"", in: dtype))
        let offsets = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\": [0,8]}}"
        #expect(error(file(offsets, dataLength: 12))?.byteOffset == start(of: "[0,8]", in: offsets))
        let truncated = "{\"a\":{\"dtype\":"
        #expect(error(file(truncated, dataLength: 0))?.byteOffset == 8 + truncated.utf8.count)
        #expect(error(file(truncated, dataLength: 0))?.description == "bad.st: byte 22: expected a JSON value, found end of header")
    }

    @Test func jsonStringsRoundTrip() throws {
        for text in ["", "plain", "tab\there", "quote\"back\\slash", "\u{0}\u{1f}", "юникод ✓ 𝄞"] {
            let bytes = Array(JSONValue.quoted(text).utf8)
            let parsed = try bytes.withUnsafeBytes { try JSONValue.parse($0) }
            #expect(parsed == .string(text))
        }
        let surrogate = Array("\"\\ud834\\udd1e\\u00e9\"".utf8)
        #expect(try surrogate.withUnsafeBytes { try JSONValue.parse($0) } == .string("𝄞é"))
    }
}
