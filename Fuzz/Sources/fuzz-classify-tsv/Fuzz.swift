import FuzzSupport
import TagKit

/// Reads the input as `train --task classify` reads its data (label and text columns, tokenized by
/// TagKit's tokenizer and by spaces; also in TREC's layout) and builds the vocabularies from it:
/// every example must encode to known words and labels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(data, size) { bytes in
        let layouts = [(LabeledTextReader(), TextClassifierConfiguration.Tokenization.tagkit),
                       (LabeledTextReader(labelColumn: 1, textColumn: 2), .whitespace)]
        for (reader, tokenization) in layouts {
            let examples = try TokenizedExample.read(lines: FuzzInput.lines(bytes), reader: reader, tokenization: tokenization)
            let vocabularies = TextClassifierVocabularies(training: examples)
            for example in examples {
                FuzzInput.require(!example.words.isEmpty, "an example without words")
                let encoded = vocabularies.encode(example)
                FuzzInput.require(encoded.label >= 0 && encoded.label < vocabularies.labels.count, "label id \(encoded.label)")
                FuzzInput.require(encoded.words.allSatisfy { $0 > 1 && $0 < vocabularies.words.count }, "a training word not in the vocabulary")
            }
        }
    }
}
