import Dispatch

/// Independent jobs spread over the BLAS thread budget (`Gemm.threadCount`).
///
/// The small products of a recurrent step (`[≤ 32, H] · [H, 4H]`) gain little from splitting one
/// product over two threads, but the two directions of a bidirectional layer are independent: run
/// side by side, each on one thread with single-threaded BLAS, they use both cores fully. While the
/// jobs run, BLAS is set to one thread; the budget is restored afterwards. With a budget of one
/// thread the jobs run one after another on the caller's thread.
public enum ParallelJobs {
    /// Runs `body(0) … body(count - 1)`, concurrently when `Gemm.threadCount > 1`.
    public static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        let budget = Gemm.threadCount
        guard count > 1, budget > 1 else {
            for job in 0..<count { body(job) }
            return
        }
        Gemm.threadCount = 1
        defer { Gemm.threadCount = budget }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}
