#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TagKitTensor

/// What model loaders need to read a file's `__metadata__` as configuration and to check it before
/// building anything from it.
enum ModelFileMetadata {
    /// The largest size a configuration may give (a width, a hidden size, a column index): far above
    /// any real model, small enough that sums and products of two sizes cannot overflow `Int`.
    static let maximumSize = 1 << 24
    /// The most layers or filter widths a configuration may list.
    static let maximumCount = 1_000

    /// The JSON value under `key` in a file's `metadata`, decoded as `T`; errors name `path`, the key,
    /// and where in the JSON the value was wrong.
    static func decode<T: Decodable>(_ type: T.Type, _ key: String, in metadata: [String: String], path: String) throws(TensorFileError) -> T {
        guard let text = metadata[key] else {
            throw TensorFileError(path: path, reason: "expected \"\(key)\" in the metadata, found none")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw TensorFileError(path: path, reason: "the metadata \"\(key)\" is not valid: \(describe(error))")
        } catch {
            throw TensorFileError(path: path, reason: "the metadata \"\(key)\" is not valid: \(error)")
        }
    }

    /// A one-line account of a decoding error: where in the JSON (`encoder.hidden`) and what was wrong.
    private static func describe(_ error: DecodingError) -> String {
        func place(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "at the top" : "at \(path)"
        }
        switch error {
        case .typeMismatch(_, let context): return "\(place(context)): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(place(context)): expected \(type), found null"
        case .keyNotFound(let key, let context): return "\(place(context)): expected a key \"\(key.stringValue)\", found none"
        case .dataCorrupted(let context): return "\(place(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Why `value` (called `name` in messages) is not a size in `minimum…maximumSize`, or nil if it is.
    static func sizeProblem(_ name: String, _ value: Int, minimum: Int = 1) -> String? {
        (minimum...maximumSize).contains(value) ? nil : "expected \(name) between \(minimum) and \(maximumSize), found \(value)"
    }

    /// Why `count` (called `name`) is not a count of layers or widths in `1…maximumCount`, or nil.
    static func countProblem(_ name: String, _ count: Int) -> String? {
        (1...maximumCount).contains(count) ? nil : "expected \(name) between 1 and \(maximumCount), found \(count)"
    }

    /// Why `rate` (called `name`) is not a dropout rate in [0, 1), or nil.
    static func rateProblem(_ name: String, _ rate: Float) -> String? {
        rate >= 0 && rate < 1 ? nil : "expected \(name) in [0, 1), found \(rate)"
    }
}
