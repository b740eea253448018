import FuzzSupport
import TagKit

/// Loads the input as a sequence-tagger model file (as `tagkit tag --model` does) and tags two
/// sentences with it: every word must get one label per head, each a label of the model.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { bytes in
        let file = try bytes.withUnsafeBytes { raw throws(TensorFileError) in try SafeTensors(decoding: raw, path: FuzzInput.name) }
        let tagger = try SequenceTagger.load(from: file, path: FuzzInput.name)
        let sentences = [["John", "lives", "in", "New", "York", "."], ["Ünïcödé", "ＷＩＤＥ", "x"]]
        let tagged = tagger.labels(for: sentences.map { TaggedWords(words: $0, labels: [], wordLines: Array($0.indices)) })
        for (words, heads) in zip(sentences, tagged) {
            FuzzInput.require(heads.count == tagger.vocabularies.labels.count, "\(heads.count) heads predicted")
            for (head, labels) in heads.enumerated() {
                FuzzInput.require(labels.count == words.count, "\(labels.count) labels for \(words.count) words")
                FuzzInput.require(labels.allSatisfy { tagger.vocabularies.labels[head].id(exactly: $0) != nil || tagger.configuration.trainingScheme != nil },
                                  "a label the model does not have")
            }
        }
    }
}
