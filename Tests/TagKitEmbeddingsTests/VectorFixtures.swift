import Foundation
import TagKitTestSupport
import TagKitText
@testable import TagKitEmbeddings

/// Small vector files written to a fresh temporary directory, and the shared embedding files.
enum VectorFixtures {
    static let ewtText = SharedData.data("embeddings/ewt.w2v.50d.txt")
    static let ewtBinary = SharedData.data("embeddings/ewt.w2v.50d.bin")
    static let ewtFastText = SharedData.data("embeddings/ewt.fasttext.50d.vec")
    static let glove = SharedData.data("embeddings/glove.6B.50d.100k.txt")

    /// Writes `bytes` to a file in `directory` (default: a new temporary one) and returns its path.
    static func write(_ bytes: [UInt8], name: String = "vectors.txt", in directory: URL? = nil) throws -> String {
        let url = try (directory ?? SharedData.temporaryDirectory()).appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, name: String = "vectors.txt") throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// The error `load` throws for `path`, or nil if it loads.
    static func loadError(_ path: String, _ options: VectorLoadOptions = VectorLoadOptions()) -> InputError? {
        do {
            _ = try WordVectors.load(contentsOf: path, options: options)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return InputError(file: "", expected: "an InputError", found: "\(error)")
        }
    }

    /// A word2vec binary image: header, then per row the word, a space, little-endian values and,
    /// for the C tool's layout, a newline.
    static func binary(_ rows: [(String, [Float])], dimension: Int, count: Int? = nil, newline: Bool) -> [UInt8] {
        var bytes = Array("\(count ?? rows.count) \(dimension)\n".utf8)
        for (word, values) in rows {
            bytes += Array(word.utf8) + [0x20]
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            if newline { bytes.append(0x0A) }
        }
        return bytes
    }
}
