import TagKitText

extension Evaluation {
    /// The text report: conlleval.pl's report (byte-identical in conlleval mode; in the seqeval
    /// modes the same layout with seqeval's numbers, P/R/F1 from fractions, times 100), then the
    /// confusion table and the disagreement list when requested.
    public func textReport() -> [UInt8] {
        var out: [UInt8]
        switch request.mode {
        case .conlleval: out = ConllevalReport.render(counts, types: table.types)
        case .strict, .seqevalDefault: out = seqevalLayoutReport()
        }
        if let confusion {
            out += Array("\n".utf8) + confusion.render(types: table.types)
        }
        if let disagreements, let scheme = request.explainScheme {
            out += Array("\n# phrases that conlleval mode and strict \(scheme.seqevalName) mode read differently: \(disagreements.count)\n".utf8)
            out += Array("sentence\ttokens\tcolumn\ttype\tfound by\ttext\n".utf8)
            for item in disagreements {
                out += Array("\(item.sentence)\t\(item.firstToken)-\(item.lastToken)\t\(item.side.rawValue)\t\(item.type)\t\(item.foundBy.rawValue)\t\(item.text)\n".utf8)
            }
        }
        return out
    }

    private func seqevalLayoutReport() -> [UInt8] {
        let scores = SeqevalScores(counts, types: table.types)
        func percent(_ value: Double) -> String { printfFixed(100 * value, width: 6) }
        var out = Array("processed \(counts.tokens) tokens with \(counts.goldTotal) phrases; found: \(counts.foundTotal) phrases; correct: \(counts.correctTotal).\n".utf8)
        if counts.tokens > 0 {
            let accuracy = Double(counts.correctTags) / Double(counts.tokens)
            out += Array("accuracy: \(percent(accuracy))%; precision: \(percent(scores.micro.precision))%; recall: \(percent(scores.micro.recall))%; FB1: \(percent(scores.micro.f1))\n".utf8)
        }
        for (type, row) in scores.types {
            out += CFormat.rightAligned(table.types.bytes(type), width: 17)
            out += Array(": precision: \(percent(row.precision))%; recall: \(percent(row.recall))%; FB1: \(percent(row.f1))  \(counts.found(type))\n".utf8)
        }
        return out
    }

    /// One phrase-count row as the report computes it, in percent.
    public struct ScoreRow: Sendable, Equatable {
        public var gold: Int
        public var found: Int
        public var correct: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }

    /// Overall and per-type scores in percent, computed the way the mode computes them
    /// (conlleval: F1 from percentages; seqeval modes: from fractions). Types in byte order, once each.
    public func scoreRows() -> (overall: ScoreRow, types: [(name: String, row: ScoreRow)]) {
        func row(_ correct: Int, _ found: Int, _ gold: Int) -> ScoreRow {
            switch request.mode {
            case .conlleval:
                let precision = found > 0 ? 100 * Double(correct) / Double(found) : 0
                let recall = gold > 0 ? 100 * Double(correct) / Double(gold) : 0
                return ScoreRow(gold: gold, found: found, correct: correct, precision: precision, recall: recall,
                                f1: ConllevalReport.f1(precision, recall))
            case .strict, .seqevalDefault:
                let fractions = SeqevalScores.row(correct: correct, found: found, gold: gold)
                return ScoreRow(gold: gold, found: found, correct: correct, precision: 100 * fractions.precision,
                                recall: 100 * fractions.recall, f1: 100 * fractions.f1)
            }
        }
        let types = counts.typesSeen.sorted { table.types.bytes($0).lexicographicallyPrecedes(table.types.bytes($1)) }
        return (row(counts.correctTotal, counts.foundTotal, counts.goldTotal),
                types.map { (table.types.string($0), row(counts.correct($0), counts.found($0), counts.gold($0))) })
    }
}
