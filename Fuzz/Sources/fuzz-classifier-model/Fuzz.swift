import FuzzSupport
import TagKit

/// Loads the input as a text-classifier model file (as `tagkit classify --model` does) and
/// classifies three texts with it: each gets one probability per label, summing to 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { bytes in
        let file = try bytes.withUnsafeBytes { raw throws(TensorFileError) in try SafeTensors(decoding: raw, path: FuzzInput.name) }
        let (model, _) = try TextClassifier.load(from: file, path: FuzzInput.name)
        let texts = ["a gripping , funny film", "what is the capital of peru ?", "x"]
        let words = texts.map { model.configuration.tokenization.words(in: $0).map(model.vocabularies.wordID) }
        let predictions = model.predict(words)
        FuzzInput.require(predictions.count == texts.count, "\(predictions.count) predictions for \(texts.count) texts")
        for prediction in predictions {
            FuzzInput.require(prediction.probabilities.count == model.vocabularies.labels.count, "a probability per label")
            FuzzInput.require(model.vocabularies.labels.count > prediction.label, "label \(prediction.label) out of range")
        }
    }
}
