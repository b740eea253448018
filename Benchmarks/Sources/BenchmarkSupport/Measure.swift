import Foundation

/// Wall-clock timing and peer runs shared by the benchmark executables.
public enum Measure {
    /// Seconds since an arbitrary origin, monotonic.
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Runs `body` `warmup` times untimed, then `repeats` times, and returns the median seconds.
    public static func median(warmup: Int = 1, repeats: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = now()
            try body()
            times.append(now() - start)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Peak resident set size of this process so far, in bytes (Linux `VmHWM`).
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}

/// The Python peers of `../shared/peers`, run in the same session for side-by-side figures.
public enum Peer {
    /// The project root (parent of `Benchmarks/`).
    public static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared` beside the project root.
    public static let shared = projectRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The peers' Python: `$TAGKIT_PEERS_PYTHON`, else `../peers-venv/bin/python` (the peers README's set-up).
    public static var python: String {
        if let explicit = ProcessInfo.processInfo.environment["TAGKIT_PEERS_PYTHON"] { return explicit }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("peers-venv/bin/python").path
    }

    /// Runs `python script arguments…` and returns its standard output; throws if it fails.
    public static func run(script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [shared.appendingPathComponent("peers").appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerError(description: "\(script) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A peer run that failed.
public struct PeerError: Error, CustomStringConvertible {
    public var description: String
}
