#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TagKit

/// Training progress on standard error: every log line as is, and, when standard error is a
/// terminal, a progress bar for the current epoch redrawn in place (at most ten times a second).
final class TrainingProgress {
    private let isTerminal = isatty(2) == 1
    private var barShown = false
    private var lastDraw = 0.0
    private let epochs: Int

    init(epochs: Int) {
        self.epochs = epochs
    }

    func log(_ line: String) {
        clearBar()
        emit(line + "\n")
    }

    func observe(_ event: TrainingEvent) {
        guard isTerminal, case .batch(let epoch, let done, let total, let tokensPerSecond, let loss) = event else { return }
        let now = seconds()
        guard done == total || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        emit("\r\u{1B}[2Kepoch \(epoch)/\(epochs) [\(bar)] \(done)/\(total)  \(Int(tokensPerSecond)) tokens/s  loss \(printfFixed(loss, precision: 4))")
        barShown = true
    }

    private func clearBar() {
        guard barShown else { return }
        emit("\r\u{1B}[2K")
        barShown = false
    }

    private func emit(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    private func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
