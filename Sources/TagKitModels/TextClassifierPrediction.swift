import TagKitNN
import TagKitTensor

/// One text's prediction.
public struct TextPrediction: Equatable, Sendable {
    /// The id of the most probable label (the first on ties).
    public var label: Int
    /// `softmax(logits)`, one probability per label id.
    public var probabilities: [Float]
}

extension TextClassifier {
    /// Predictions for `texts` (word ids), in order, computed in batches of `batchSize` with dropout off.
    public func predict(_ texts: [[Int]], batchSize: Int = 200) -> [TextPrediction] {
        var predictions: [TextPrediction] = []
        predictions.reserveCapacity(texts.count)
        let labels = vocabularies.labels.count
        for batch in LengthBatches(batchSize: batchSize).sequentialBatches(count: texts.count) {
            let tape = Tape(training: false)
            let probabilities = logits(batch.map { texts[$0] }, on: tape).softmax().value
            for row in 0..<batch.count {
                let values = Array(probabilities.scalars[row * labels ..< (row + 1) * labels])
                var best = 0
                for j in 1..<labels where values[j] > values[best] { best = j }
                predictions.append(TextPrediction(label: best, probabilities: values))
            }
        }
        return predictions
    }

    /// The fraction of `examples` whose label is predicted (an unseen label, -1, counts as wrong).
    public func accuracy(_ examples: [EncodedText]) -> Double {
        guard !examples.isEmpty else { return 0 }
        let predictions = predict(examples.map(\.words))
        let correct = zip(predictions, examples).filter { $0.label == $1.label }.count
        return Double(correct) / Double(examples.count)
    }
}
