import TagKitTensor

/// A linear-chain conditional random field over `K` tags, on top of per-token emission scores.
///
/// The score of a tag path `y` for one sequence of length `L` with emissions `E [L, K]` is
/// ```
/// s(y) = start[y_0] + Σ_t E[t, y_t] + Σ_{t≥1} transitions[y_{t-1}, y_t] + end[y_{L-1}]
/// P(y) = exp(s(y)) / Z,   Z = Σ_y' exp(s(y'))
/// ```
/// - Input: emissions `[B, T, K]` with `B` lengths; gold tags `[B · T]` (row-major `[B, T]`, padded
///   positions ignored).
/// - Output: `negativeLogLikelihood` → `[B]` (`log Z − s(gold)` per sequence, 0 for an empty one);
///   `decode` → the Viterbi path per sequence; `nBest`, `lattice` (token and segment marginals).
/// - Parameters: `transitions` `[K, K]` (row = previous tag, column = next tag), `start` `[K]`, `end` `[K]`.
/// - Initialisation: all `U(-0.1, 0.1)` (as the R1 peer).
///
/// `log Z` comes from the forward algorithm in log space; the gradient from forward–backward
/// (`CRFLattice`), hand-written.
public final class CRF: Layer {
    public let tagCount: Int
    public let transitions: Parameter
    public let start: Parameter
    public let end: Parameter
    public var parameters: [Parameter] { [transitions, start, end] }

    /// A freshly initialised CRF; parameters are named `name.transitions`, `name.start`, `name.end`.
    public init(name: String = "crf", tagCount: Int, generator: inout SeededGenerator) {
        precondition(tagCount > 0, "a CRF needs at least one tag")
        self.tagCount = tagCount
        transitions = Parameter(name: "\(name).transitions",
                                value: Tensor.uniform([tagCount, tagCount], lower: -0.1, upper: 0.1, using: &generator))
        start = Parameter(name: "\(name).start", value: Tensor.uniform([tagCount], lower: -0.1, upper: 0.1, using: &generator))
        end = Parameter(name: "\(name).end", value: Tensor.uniform([tagCount], lower: -0.1, upper: 0.1, using: &generator))
    }

    /// `log Z_b − s_b(tags)` for each sequence, `[B]`, as a tape op whose backward adds expected minus
    /// gold counts to the emissions and the CRF's parameters.
    public func negativeLogLikelihood(_ emissions: Variable, tags: [Int], lengths: [Int]) -> Variable {
        let tape = emissions.tape
        let lattice = self.lattice(emissions.value, lengths: lengths)
        let values = lattice.negativeLogLikelihood(tags: tags)
        let shape = emissions.shape
        let inputs = [emissions, tape.parameter(transitions), tape.parameter(start), tape.parameter(end)]
        let k = tagCount
        return tape.record(inputs: inputs, output: Tensor(shape: [lengths.count], scalars: values)) { context in
            let scales = context.outputGradient(0).scalars
            var emissionGradient = context.needsGradient(ofInput: 0) ? Tensor.zeros(shape) : nil
            var transitionGradient = Tensor.zeros([k, k])
            var startGradient = Tensor.zeros([k]), endGradient = Tensor.zeros([k])
            withOptionalMutablePointer(&emissionGradient) { dE in
                transitionGradient.withUnsafeMutableBufferPointer { dT in
                    startGradient.withUnsafeMutableBufferPointer { dS in
                        endGradient.withUnsafeMutableBufferPointer { dN in
                            lattice.accumulateNegativeLogLikelihoodGradient(
                                tags: tags, scales: scales, emissionGradient: dE,
                                parameterGradients: CRFParameterGradients(transitions: dT.baseAddress!,
                                                                          start: dS.baseAddress!, end: dN.baseAddress!))
                        }
                    }
                }
            }
            if let emissionGradient { context.accumulateGradient(emissionGradient, ofInput: 0) }
            for (slot, gradient) in [(1, transitionGradient), (2, startGradient), (3, endGradient)]
            where context.needsGradient(ofInput: slot) {
                context.accumulateGradient(gradient, ofInput: slot)
            }
        }
    }

    /// The forward–backward lattice of `emissions` `[B, T, K]`: `logPartition`, `tokenMarginals()`,
    /// `segmentProbability(sequence:first:tags:)` (the confidence of a labelled span).
    public func lattice(_ emissions: Tensor, lengths: [Int]) -> CRFLattice {
        let paddedLength = validate(emissions, lengths: lengths)
        return withParameters { parameters in
            emissions.withUnsafeBufferPointer { e in
                CRFLattice(emissions: e.baseAddress!, lengths: lengths, paddedLength: paddedLength, tagCount: tagCount,
                           parameters: parameters)
            }
        }
    }

    /// The highest-scoring tag path of each sequence (Viterbi).
    public func decode(_ emissions: Tensor, lengths: [Int]) -> [CRFPath] {
        let paddedLength = validate(emissions, lengths: lengths)
        return withParameters { parameters in
            emissions.withUnsafeBufferPointer { e in
                CRFDecoder.viterbi(emissions: e.baseAddress!, lengths: lengths, paddedLength: paddedLength,
                                   tagCount: tagCount, parameters: parameters)
            }
        }
    }

    /// The `count` highest-scoring tag paths of each sequence, best first.
    public func nBest(_ emissions: Tensor, lengths: [Int], count: Int) -> [[CRFPath]] {
        let paddedLength = validate(emissions, lengths: lengths)
        return withParameters { parameters in
            emissions.withUnsafeBufferPointer { e in
                CRFDecoder.nBest(emissions: e.baseAddress!, lengths: lengths, paddedLength: paddedLength,
                                 tagCount: tagCount, parameters: parameters, count: count)
            }
        }
    }

    /// Checks `[B, T, K]` against the lengths and returns `T`.
    private func validate(_ emissions: Tensor, lengths: [Int]) -> Int {
        precondition(emissions.rank == 3 && emissions.shape[2] == tagCount && emissions.shape[0] == lengths.count,
                     "CRF emissions must be [\(lengths.count), time, \(tagCount)], got \(emissions.shape)")
        return emissions.shape[1]
    }

    private func withParameters<R>(_ body: (CRFParameters) -> R) -> R {
        transitions.value.withUnsafeBufferPointer { t in
            start.value.withUnsafeBufferPointer { s in
                end.value.withUnsafeBufferPointer { e in
                    body(CRFParameters(transitions: t.baseAddress!, start: s.baseAddress!, end: e.baseAddress!))
                }
            }
        }
    }
}
