import TagKitText

/// Scores of a text classifier against gold labels: accuracy, per-class precision, recall and F1,
/// macro-F1 and the confusion matrix.
///
/// Classes are the model's labels, in the given order, followed by any gold label the model never
/// saw (sorted): such an example can only be wrong; it is counted (`unseenGoldCount`) and shown
/// in the matrix rather than rejected.
public struct ClassificationScores: Sendable, Equatable {
    /// Per class: P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R) (0 when undefined).
    public struct ClassRow: Sendable, Equatable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Gold examples of the class.
        public var support: Int
        /// Whether the model knows the label (false for a gold label it never saw).
        public var isKnown: Bool
    }

    /// The classes in order: the model's labels, then unseen gold labels.
    public let labels: [String]
    /// `confusion[gold][predicted]`, indexed like `labels`.
    public let confusion: [[Int]]
    public let rows: [ClassRow]
    /// Examples scored.
    public let count: Int
    /// Correct predictions / examples (0 for no examples).
    public let accuracy: Double
    /// The mean F1 over the classes with gold support or predictions.
    public let macroF1: Double
    /// Examples whose gold label the model never saw.
    public let unseenGoldCount: Int

    /// Scores `predicted` against `gold` (same length); `knownLabels` are the model's labels, in
    /// output order. Every predicted label must be a known label.
    public init(gold: [String], predicted: [String], knownLabels: [String]) {
        precondition(gold.count == predicted.count, "\(gold.count) gold labels for \(predicted.count) predictions")
        var index = Dictionary(uniqueKeysWithValues: knownLabels.enumerated().map { ($1, $0) })
        var labels = knownLabels
        for label in Set(gold).subtracting(knownLabels).sorted() {
            index[label] = labels.count
            labels.append(label)
        }
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        var unseen = 0
        for (g, p) in zip(gold, predicted) {
            guard let predictedIndex = index[p], predictedIndex < knownLabels.count else {
                preconditionFailure("the prediction \"\(p)\" is not one of the model's labels")
            }
            let goldIndex = index[g]!
            if goldIndex >= knownLabels.count { unseen += 1 }
            confusion[goldIndex][predictedIndex] += 1
        }
        var rows: [ClassRow] = []
        var f1Sum = 0.0, scored = 0
        for (c, label) in labels.enumerated() {
            let truePositives = confusion[c][c]
            let support = confusion[c].reduce(0, +)
            let predictedCount = confusion.reduce(0) { $0 + $1[c] }
            let precision = predictedCount > 0 ? Double(truePositives) / Double(predictedCount) : 0
            let recall = support > 0 ? Double(truePositives) / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            rows.append(ClassRow(label: label, precision: precision, recall: recall, f1: f1, support: support,
                                 isKnown: c < knownLabels.count))
            if support > 0 || predictedCount > 0 {
                f1Sum += f1
                scored += 1
            }
        }
        let correct = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        self.labels = labels
        self.confusion = confusion
        self.rows = rows
        self.count = gold.count
        self.accuracy = gold.isEmpty ? 0 : Double(correct) / Double(gold.count)
        self.macroF1 = scored > 0 ? f1Sum / Double(scored) : 0
        self.unseenGoldCount = unseen
    }

    /// A plain-text report: accuracy and macro-F1, the per-class table (percentages, two decimals)
    /// and the confusion matrix (rows gold, columns predicted).
    public var report: String {
        func percent(_ value: Double) -> String { printfFixed(100 * value, width: 6) }
        let width = max(8, labels.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = ["examples: \(count); accuracy: \(percent(accuracy).trimmingLeadingSpaces)%; macro-F1: \(percent(macroF1).trimmingLeadingSpaces)%"]
        if unseenGoldCount > 0 {
            lines.append("gold labels the model never saw: \(unseenGoldCount) example(s) (\(rows.filter { !$0.isKnown }.map(\.label).joined(separator: ", "))), counted as errors")
        }
        lines.append(pad("class", width) + "  precision    recall        F1   support")
        for row in rows {
            lines.append(pad(row.label, width) + "     " + percent(row.precision) + "    " + percent(row.recall)
                         + "    " + percent(row.f1) + pad(String(row.support), 10) + (row.isKnown ? "" : "  (unseen)"))
        }
        lines.append("confusion (rows gold, columns predicted):")
        let known = rows.filter(\.isKnown).count
        let cell = max(6, labels.prefix(known).map(\.count).max() ?? 0) + 1
        lines.append(pad("", width) + labels.prefix(known).map { pad($0, cell) }.joined())
        for (g, label) in labels.enumerated() {
            lines.append(pad(label, width) + confusion[g].prefix(known).map { pad(String($0), cell) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

extension ClassificationScores {
    /// The scores as one JSON object (percentages): accuracy, macro_f1, examples, unseen_gold,
    /// classes (label, precision, recall, f1, support, known) and the confusion matrix with its labels.
    public var jsonReport: String {
        func number(_ value: Double) -> String { printfFixed(100 * value, precision: 4) }
        func string(_ text: String) -> String {
            var escaped = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case _ where scalar.value < 0x20: escaped += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped + "\""
        }
        let classes = rows.map { row in
            "{\"label\":\(string(row.label)),\"precision\":\(number(row.precision)),\"recall\":\(number(row.recall)),"
                + "\"f1\":\(number(row.f1)),\"support\":\(row.support),\"known\":\(row.isKnown)}"
        }
        let matrix = confusion.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
        return "{\"examples\":\(count),\"accuracy\":\(number(accuracy)),\"macro_f1\":\(number(macroF1)),"
            + "\"unseen_gold\":\(unseenGoldCount),\"classes\":[\(classes.joined(separator: ","))],"
            + "\"labels\":[\(labels.map(string).joined(separator: ","))],\"confusion\":[\(matrix.joined(separator: ","))]}\n"
    }
}
