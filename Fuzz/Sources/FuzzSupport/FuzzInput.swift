import TagKit

/// Running one fuzz input through a reader.
public enum FuzzInput {
    /// The name inputs carry in error messages.
    public static let name = "fuzz-input"

    /// Calls `body` with the input's bytes. A thrown `InputError`, `FileError` or `TensorFileError`
    /// is the expected answer to bad input; any other error is a finding and stops the fuzzer.
    /// - Returns: 0, as libFuzzer requires.
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int, _ body: ([UInt8]) throws -> Void) -> CInt {
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        do {
            try body(bytes)
        } catch is InputError {
        } catch is FileError {
        } catch is TensorFileError {
        } catch {
            fatalError("unexpected error type \(type(of: error)): \(error)")
        }
        return 0
    }

    /// A line reader over `bytes` with a small buffer fed by short reads, so that refilling,
    /// moving the unread tail and growing the buffer for long lines all happen on small inputs.
    public static func lines(_ bytes: [UInt8]) -> LineReader {
        LineReader(bytes: bytes, name: name, chunkSize: 64, readSize: 13)
    }

    /// Stops the fuzzer when a property the readers promise does not hold.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError(message()) }
    }
}
