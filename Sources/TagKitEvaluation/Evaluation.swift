/// How phrases are found and matched.
public enum EvaluationMode: Sendable, Equatable {
    /// conlleval.pl 2004, byte-identical (`ConllevalCounter`).
    case conlleval
    /// seqeval 1.2.2 strict mode with a scheme (`StrictCounter`).
    case strict(StrictScheme)
    /// seqeval 1.2.2 default mode (`SeqevalDefaultCounter`).
    case seqevalDefault

    /// The mode's name in reports: `conlleval`, `strict`, `seqeval-default`.
    public var name: String {
        switch self {
        case .conlleval: return "conlleval"
        case .strict: return "strict"
        case .seqevalDefault: return "seqeval-default"
        }
    }
}

/// Where the gold and predicted tags come from.
public enum EvaluationInput: Sendable, Equatable {
    /// One conlleval file (`-` = standard input): gold and predicted tags are the last two fields.
    case conlleval(path: String)
    /// Two aligned column files; the tag is the last field of each, or field `tagColumn` (1-based).
    case aligned(gold: String, predicted: String, tagColumn: Int?)
}

/// What to evaluate and what to compute besides the phrase counts.
public struct EvaluationRequest: Sendable, Equatable {
    public var input: EvaluationInput
    /// Field delimiter, `-r` and `-o` (the delimiter also splits aligned files).
    public var options: ConllevalOptions
    public var mode: EvaluationMode
    /// Also count a token-level type confusion matrix.
    public var confusion: Bool
    /// Also list the phrases that conlleval mode and strict mode (this scheme) read differently.
    public var explainScheme: StrictScheme?

    public init(input: EvaluationInput, options: ConllevalOptions = ConllevalOptions(), mode: EvaluationMode = .conlleval,
                confusion: Bool = false, explainScheme: StrictScheme? = nil) {
        self.input = input
        self.options = options
        self.mode = mode
        self.confusion = confusion
        self.explainScheme = explainScheme
    }
}

/// The result of one evaluation run: phrase counts under the requested mode, and the optional
/// confusion matrix and disagreement list. Everything is computed in one pass over the input.
public struct Evaluation {
    public let request: EvaluationRequest
    /// The tags and type names the ids in `counts` and `confusion` refer to.
    public let table: TagTable
    public let counts: SpanCounts
    public let confusion: ConfusionMatrix?
    public let disagreements: [SpanDisagreement]?

    /// Reads the input and evaluates it. Throws `ConllevalFormatError` where conlleval.pl fails,
    /// `InputError` for misaligned files or tags the mode cannot read, `FileError` for I/O.
    public init(_ request: EvaluationRequest) throws {
        self.request = request
        let table = TagTable(raw: request.options.raw, outsideTag: request.options.outsideTag)
        self.table = table
        let result: (SpanCounts, ConfusionMatrix?, [SpanDisagreement]?)
        switch request.mode {
        case .conlleval: result = try Self.run(ConllevalCounter(table: table), request, table)
        case .strict(let scheme): result = try Self.run(StrictCounter(scheme: scheme, table: table), request, table)
        case .seqevalDefault: result = try Self.run(SeqevalDefaultCounter(table: table), request, table)
        }
        (counts, confusion, disagreements) = result
    }

    private static func run<Counter: SpanCounter>(_ counter: Counter, _ request: EvaluationRequest,
                                                  _ table: TagTable) throws -> (SpanCounts, ConfusionMatrix?, [SpanDisagreement]?) {
        var sink = CombinedSink(counter: counter, confusion: request.confusion ? ConfusionMatrix() : nil,
                                finder: request.explainScheme.map { DisagreementFinder(scheme: $0, table: table) })
        switch request.input {
        case .conlleval(let path):
            try ConllevalReader(options: request.options, table: table).read(path: path, into: &sink)
        case .aligned(let gold, let predicted, let tagColumn):
            try AlignedColumnsReader(delimiter: request.options.delimiter, tagColumn: tagColumn, table: table)
                .read(goldPath: gold, predictedPath: predicted, into: &sink)
        }
        return (sink.counter.counts, sink.confusion, sink.finder?.disagreements)
    }
}

/// A sink that counts phrases.
public protocol SpanCounter: TagSequenceSink {
    var counts: SpanCounts { get }
}

extension ConllevalCounter: SpanCounter {}
extension StrictCounter: SpanCounter {}
extension SeqevalDefaultCounter: SpanCounter {}

/// Feeds one pass over the input to the phrase counter and the optional extras.
struct CombinedSink<Counter: SpanCounter>: TagSequenceSink {
    var counter: Counter
    var confusion: ConfusionMatrix?
    var finder: DisagreementFinder?

    @inline(__always)
    mutating func token(gold: TagInfo, predicted: TagInfo, text: UnsafeBufferPointer<UInt8>) throws(TagError) {
        try counter.token(gold: gold, predicted: predicted, text: text)
        if confusion != nil { try confusion!.token(gold: gold, predicted: predicted, text: text) }
        if finder != nil { try finder!.token(gold: gold, predicted: predicted, text: text) }
    }

    mutating func sentenceBreak() throws(TagError) {
        try counter.sentenceBreak()
        if finder != nil { try finder!.sentenceBreak() }
    }

    mutating func finish() throws(TagError) {
        try counter.finish()
        if finder != nil { try finder!.finish() }
    }
}
