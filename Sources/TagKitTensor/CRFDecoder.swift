/// A tag path through a CRF lattice and its score `s(y)` (see `CRFParameters`).
public struct CRFPath: Equatable, Sendable {
    /// One tag per token.
    public var tags: [Int]
    /// `s(y)`; `exp(score − log Z)` is the path's probability.
    public var score: Float

    public init(tags: [Int], score: Float) {
        self.tags = tags
        self.score = score
    }
}

/// Decoding of a linear-chain CRF over a padded batch of emissions `[B, T, K]` (row `b · T + t`).
public enum CRFDecoder {
    /// The highest-scoring path of each sequence, by Viterbi:
    /// `δ_0[j] = start[j] + E_0[j]`, `δ_t[j] = E_t[j] + max_i (δ_{t-1}[i] + transitions[i, j])`,
    /// best last tag `argmax_j δ_{L-1}[j] + end[j]`, then back-pointers. Sixteen `j` are maximised at
    /// once; ties go to the lowest tag index. An empty sequence gets an empty path of score 0.
    public static func viterbi(emissions: UnsafePointer<Float>, lengths: [Int], paddedLength: Int, tagCount k: Int,
                               parameters: CRFParameters) -> [CRFPath] {
        precondition(lengths.allSatisfy { (0...paddedLength).contains($0) }, "lengths must lie in 0...\(paddedLength)")
        let longest = lengths.max() ?? 0
        var backPointers = [Int32](repeating: 0, count: longest * k)
        var delta = [Float](repeating: 0, count: k)
        var next = [Float](repeating: 0, count: k)
        let columns = transitionColumns(parameters.transitions, tagCount: k)
        return lengths.enumerated().map { sequence, length in
            guard length > 0 else { return CRFPath(tags: [], score: 0) }
            let base = sequence * paddedLength * k
            for j in 0..<k { delta[j] = parameters.start[j] + emissions[base + j] }
            delta.withUnsafeMutableBufferPointer { delta in
                next.withUnsafeMutableBufferPointer { next in
                    backPointers.withUnsafeMutableBufferPointer { pointers in
                        for time in 1..<length {
                            maxProduct(delta.baseAddress!, columns, tagCount: k,
                                       into: next.baseAddress!, arguments: pointers.baseAddress! + time * k)
                            for j in 0..<k { delta[j] = next[j] + emissions[base + time * k + j] }
                        }
                    }
                }
            }
            var best = 0
            var bestScore = -Float.infinity
            for j in 0..<k where delta[j] + parameters.end[j] > bestScore {
                best = j
                bestScore = delta[j] + parameters.end[j]
            }
            var tags = [Int](repeating: 0, count: length)
            tags[length - 1] = best
            for time in stride(from: length - 1, to: 0, by: -1) {
                tags[time - 1] = Int(backPointers[time * k + tags[time]])
            }
            return CRFPath(tags: tags, score: bestScore)
        }
    }

    /// The transition matrix as sixteen-lane registers: entry `i · ⌈K/16⌉ + c` holds
    /// `transitions[i, 16c ..< 16c + 16]`, lanes past `K` zero. Built once per decode, so the steps'
    /// inner loop reads whole registers instead of assembling a partial row lane by lane every time.
    static func transitionColumns(_ transitions: UnsafePointer<Float>, tagCount k: Int) -> [SIMD16<Float>] {
        let blocks = (k + 15) / 16
        var columns = [SIMD16<Float>](repeating: SIMD16(), count: k * blocks)
        for i in 0..<k {
            for block in 0..<blocks {
                columns[i * blocks + block] = SIMDBuffer.load(transitions + i * k + 16 * block, count: k - 16 * block)
            }
        }
        return columns
    }

    /// `out[j] = max_i (a[i] + transitions[i, j])` and `arguments[j]` = the first `i` reaching it, with
    /// the transitions given as `transitionColumns`.
    @inline(__always)
    static func maxProduct(_ a: UnsafePointer<Float>, _ columns: [SIMD16<Float>], tagCount k: Int,
                           into out: UnsafeMutablePointer<Float>, arguments: UnsafeMutablePointer<Int32>) {
        let blocks = (k + 15) / 16
        columns.withUnsafeBufferPointer { columns in
            for block in 0..<blocks {
                let lanes = Swift.min(16, k - 16 * block)
                var best = SIMD16<Float>(repeating: -.infinity)
                var argument = SIMD16<Int32>()
                for i in 0..<k {
                    let value = SIMD16(repeating: a[i]) + columns[i * blocks + block]
                    let better = value .> best
                    best.replace(with: value, where: better)
                    argument.replace(with: Int32(i), where: better)
                }
                SIMDBuffer.store(best, to: out + 16 * block, count: lanes)
                for lane in 0..<lanes { arguments[16 * block + lane] = argument[lane] }
            }
        }
    }

    /// The `count` highest-scoring paths of each sequence, best first (fewer if the sequence has fewer
    /// paths), by list Viterbi: every (position, tag) keeps its `count` best partial paths, each
    /// extended by every tag of the next position. Scores are summed in Double; equal scores are
    /// ordered by previous tag, then by rank. An empty sequence has one empty path.
    public static func nBest(emissions: UnsafePointer<Float>, lengths: [Int], paddedLength: Int, tagCount k: Int,
                             parameters: CRFParameters, count: Int) -> [[CRFPath]] {
        precondition(count > 0, "n-best needs n ≥ 1")
        precondition(lengths.allSatisfy { (0...paddedLength).contains($0) }, "lengths must lie in 0...\(paddedLength)")
        struct Entry {
            var score: Double
            var previousTag: Int
            var previousRank: Int
        }
        return lengths.enumerated().map { sequence, length in
            guard length > 0 else { return [CRFPath(tags: [], score: 0)] }
            let base = sequence * paddedLength * k
            // lists[time * k + j]: the best partial paths ending in tag j at `time`, best first.
            var lists = [[Entry]](repeating: [], count: length * k)
            for j in 0..<k {
                lists[j] = [Entry(score: Double(parameters.start[j]) + Double(emissions[base + j]),
                                  previousTag: -1, previousRank: -1)]
            }
            func better(_ a: Entry, _ b: Entry) -> Bool {
                a.score != b.score ? a.score > b.score
                    : a.previousTag != b.previousTag ? a.previousTag < b.previousTag : a.previousRank < b.previousRank
            }
            for time in 1..<length {
                for j in 0..<k {
                    var candidates: [Entry] = []
                    for i in 0..<k {
                        let transition = Double(parameters.transitions[i * k + j])
                        for (rank, entry) in lists[(time - 1) * k + i].enumerated() {
                            candidates.append(Entry(score: entry.score + transition, previousTag: i, previousRank: rank))
                        }
                    }
                    let emission = Double(emissions[base + time * k + j])
                    lists[time * k + j] = candidates.sorted(by: better).prefix(count).map {
                        Entry(score: $0.score + emission, previousTag: $0.previousTag, previousRank: $0.previousRank)
                    }
                }
            }
            var finals: [Entry] = []
            for j in 0..<k {
                for (rank, entry) in lists[(length - 1) * k + j].enumerated() {
                    finals.append(Entry(score: entry.score + Double(parameters.end[j]), previousTag: j, previousRank: rank))
                }
            }
            return finals.sorted(by: better).prefix(count).map { final in
                var tags = [Int](repeating: 0, count: length)
                var (tag, rank) = (final.previousTag, final.previousRank)
                for time in stride(from: length - 1, through: 0, by: -1) {
                    tags[time] = tag
                    let entry = lists[time * k + tag][rank]
                    (tag, rank) = (entry.previousTag, entry.previousRank)
                }
                return CRFPath(tags: tags, score: Float(final.score))
            }
        }
    }
}
