import ArgumentParser
import Foundation
import TagKit

/// `tagkit quickstart`: train a small English NER tagger on the shipped data and use it.
struct QuickstartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Train an English NER tagger on the shipped Wikigold corpus and GloVe vectors, score it, tag a few sentences.",
        discussion: """
            The R1 tagger (char-CNN + BiLSTM + CRF) on corpora/wikigold (CC BY 4.0) with \
            embeddings/glove.6B.50d.20k.bin (PDDL), a couple of minutes on 2 cores in a release build. \
            It prints the dev and test F1 (conlleval) and the entities it finds in a few sentences.
            """)

    @Option(help: "Training epochs.")
    var epochs: Int = 15

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "BLAS threads.")
    var threads: Int = 1

    @Option(name: .shortAndLong, help: "Where to keep the model (default: a temporary file, removed at the end).")
    var output: String?

    static let sentences = [
        "Ada Lovelace worked with Charles Babbage in London on the Analytical Engine.",
        "The European Union fined Google after a complaint from Microsoft.",
        "Marie Curie was born in Warsaw and later moved to Paris to study at the University of Paris.",
    ]

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func run() throws {
        Gemm.threadCount = threads
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("tagkit-quickstart-\(getpid()).tagkit").path
        let modelPath = output ?? temporary
        defer { if output == nil { try? FileManager.default.removeItem(atPath: temporary) } }
        var request = TaggerTrainingRequest(train: [try ShippedFiles.path("corpora/wikigold/train.txt")], task: .ner, output: modelPath)
        request.dev = try ShippedFiles.path("corpora/wikigold/dev.txt")
        request.test = try ShippedFiles.path("corpora/wikigold/test.txt")
        request.embeddings = try ShippedFiles.path("embeddings/glove.6B.50d.20k.bin")
        request.training.epochs = epochs
        request.training.seed = seed
        let progress = TrainingProgress(epochs: epochs)
        progress.log("Training the R1 tagger on Wikigold (\(epochs) epochs)…")
        let result = try TaggerTraining.run(request, log: progress.log, observe: progress.observe)
        progress.log(result.summary)
        if let spans = result.test?.spans {
            print("Test (conlleval): precision \(printfFixed(spans.overall.precision)), recall \(printfFixed(spans.overall.recall)), F1 \(printfFixed(spans.overall.f1))")
            for row in spans.types {
                print("  \(row.type.padding(toLength: 5, withPad: " ", startingAt: 0)) F1 \(printfFixed(row.f1, width: 6))  (\(row.gold) gold, \(row.found) found)")
            }
        }
        print("")
        for sentence in Self.sentences {
            print(sentence)
            let entities = result.tagger.entities(in: sentence)
            print(entities.isEmpty ? "  (no entities)" : entities.map { "  \($0.type)\t\($0.text)\t\(printfFixed($0.confidence, precision: 2))" }.joined(separator: "\n"))
        }
        if let output { print("\nModel written to \(output); tag with: tagkit tag --model \(output) FILE") }
    }
}
