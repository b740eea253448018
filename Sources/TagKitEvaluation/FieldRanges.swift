/// The byte ranges of a line's fields, reused from line to line so splitting allocates nothing.
///
/// Field `i` is `line[start(i) ..< end(i)]`, in the line most recently split into it.
public final class FieldRanges {
    private var bounds: UnsafeMutablePointer<Int>
    private var capacity: Int
    /// How many fields the line has.
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        self.capacity = max(capacity, 2)
        bounds = .allocate(capacity: 2 * self.capacity)
    }

    deinit { bounds.deallocate() }

    /// Byte offset where field `index` starts.
    @inline(__always) public func start(_ index: Int) -> Int { bounds[2 * index] }
    /// Byte offset just after field `index`.
    @inline(__always) public func end(_ index: Int) -> Int { bounds[2 * index + 1] }

    /// Field `index` of `line` (which must be the line these ranges were split from).
    @inline(__always)
    public func field(_ index: Int, of line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[start(index) ..< end(index)])
    }

    @inline(__always) func removeAll() { count = 0 }

    @inline(__always)
    func append(_ start: Int, _ end: Int) {
        if count == capacity { grow() }
        bounds[2 * count] = start
        bounds[2 * count + 1] = end
        count += 1
    }

    /// Drops empty fields at the end, as Perl's `split` does.
    func dropTrailingEmpty() {
        while count > 0, start(count - 1) == end(count - 1) { count -= 1 }
    }

    private func grow() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: 4 * capacity)
        grown.update(from: bounds, count: 2 * count)
        bounds.deallocate()
        bounds = grown
        capacity *= 2
    }
}
