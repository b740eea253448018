import ArgumentParser
import TagKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tagkit eval`: span precision, recall and F1 of predicted tags against gold tags.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score predicted tags against gold tags: conlleval.pl-identical span F1, or seqeval's strict mode.",
        discussion: """
            Input is conlleval's: one token per line, 'token [columns...] gold predicted', a blank line \
            between sentences (FILE, or standard input when FILE is '-' or missing); or two aligned column \
            files given with --gold and --pred. The default report is byte-identical to conlleval.pl \
            (2004-01-26), quirks included, and so are its exit statuses: 1 for a line with another number \
            of fields, 255 for a line with one field.

            --format conllu GOLD PRED: UPOS, XPOS, UFeats, AllTags and Lemmas accuracy of two CoNLL-U files \
            with the same words, as conll18_ud_eval.py reports them. --model MODEL --data FILE: tag FILE \
            with a tagger model and score it in one step (NER: the conlleval report; morphology: the CoNLL-U \
            table).
            """)

    @Argument(help: "conlleval input ('-' = standard input); with --format conllu, GOLD and PRED.")
    var files: [String] = []

    @Option(help: "Input kind: conll (conlleval columns) or conllu (two CoNLL-U files).")
    var format: Format = .conll

    @Option(help: "What is scored: tags (span F1 of CoNLL tags) or classify (a text classifier on labelled TSV data).")
    var task: Task = .tags

    @Option(help: ArgumentHelp("A tagger model (or with --task classify, a classifier) to run on --data.", valueName: "model"))
    var model: String?

    @Option(help: ArgumentHelp("Labelled data for --model: a corpus file (taggers) or 'label<TAB>text' lines (classify).", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("--task classify: 0-based column of the gold label.", valueName: "n"))
    var labelColumn: Int = 0

    @Option(help: ArgumentHelp("--task classify: 0-based column of the text (-1: the last).", valueName: "n"))
    var textColumn: Int = -1

    @Option(name: .customShort("d"), help: ArgumentHelp(
        "Field delimiter, a Perl regex as in conlleval.pl: literal text, \\t, \\s, [ \\t], with an optional '+' (\\s+, ' +'). Default: one space.",
        valueName: "delimiter"))
    var delimiter: String?

    @Option(name: .customShort("o"), help: ArgumentHelp("Outside tag for -r (conlleval ignores it without -r).", valueName: "tag"))
    var outsideTag = "O"

    @Flag(name: .customShort("r"), help: "Raw tags: every tag but O is a one-token phrase of its own type.")
    var raw = false

    @Option(help: "How phrases are found and matched.")
    var mode: Mode = .conlleval

    @Option(help: "Tag scheme for --mode strict and --explain (default iob2).")
    var scheme: StrictScheme?

    @Option(help: ArgumentHelp("Gold column file, aligned line by line with --pred.", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("Predicted column file, aligned line by line with --gold.", valueName: "file"))
    var pred: String?

    @Option(help: ArgumentHelp("With --gold/--pred: the 1-based field holding the tag (default: the last).", valueName: "n"))
    var tagColumn: Int?

    @Flag(help: "Print the report as JSON (scores in percent).")
    var json = false

    @Flag(help: "Also print a token-level confusion matrix of gold type against predicted type (O included).")
    var confusion = false

    @Flag(help: "Also list the phrases that conlleval mode and strict mode read differently.")
    var explain = false

    enum Task: String, ExpressibleByArgument, CaseIterable {
        case tags, classify
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case conll, conllu
    }

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case conlleval, strict
        case seqevalDefault = "seqeval-default"
    }

    func validate() throws {
        if task == .classify {
            if model == nil || data == nil { throw ValidationError("--task classify needs --model and --data.") }
            if !files.isEmpty || gold != nil { throw ValidationError("--task classify reads --data, not FILE or --gold/--pred.") }
            if labelColumn < 0 { throw ValidationError("--label-column counts from 0.") }
            return
        }
        if (model == nil) != (data == nil) { throw ValidationError("--model and --data go together.") }
        if model != nil, !files.isEmpty || gold != nil { throw ValidationError("--model reads --data, not FILE or --gold/--pred.") }
        if (gold == nil) != (pred == nil) { throw ValidationError("--gold and --pred go together.") }
        if gold != nil, !files.isEmpty { throw ValidationError("Give either FILE or --gold/--pred, not both.") }
        if format == .conllu, model == nil, gold == nil, files.count != 2 {
            throw ValidationError("--format conllu needs two files: GOLD PRED (or --gold and --pred).")
        }
        if format == .conll, files.count > 1 { throw ValidationError("conlleval input is one file (or --gold and --pred).") }
        if tagColumn != nil, gold == nil { throw ValidationError("--tag-column needs --gold and --pred.") }
        if let tagColumn, tagColumn < 1 { throw ValidationError("--tag-column counts from 1.") }
        if scheme != nil, mode != .strict, !explain { throw ValidationError("--scheme needs --mode strict or --explain.") }
        do {
            _ = try FieldDelimiter(perlRegex: delimiter ?? " ")
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        if task == .classify, let model, let data {
            let scores = try TextClassifier.load(from: model).model
                .evaluate(path: data, reader: LabeledTextReader(labelColumn: labelColumn, textColumn: textColumn))
            let output = try OutputFile(path: nil)
            try output.write(json ? scores.jsonReport : scores.report)
            try output.commit()
            return
        }
        if format == .conllu, model == nil {
            let (goldPath, predictedPath) = gold.map { ($0, pred!) } ?? (files[0], files[1])
            let scores = try MorphologyEvaluation.evaluate(gold: SentenceReader(path: goldPath, format: .conllu),
                                                           predicted: SentenceReader(path: predictedPath, format: .conllu))
            let output = try OutputFile(path: nil)
            try output.write(json ? scores.jsonReport : scores.report)
            try output.commit()
            return
        }
        let chosenScheme = scheme ?? .iob2
        let evaluationMode: EvaluationMode
        switch mode {
        case .conlleval: evaluationMode = .conlleval
        case .strict: evaluationMode = .strict(chosenScheme)
        case .seqevalDefault: evaluationMode = .seqevalDefault
        }
        if let model, let data {
            let output = try OutputFile(path: nil)
            switch try TaggerEvaluation.evaluate(SequenceTagger.load(from: model), data: data, mode: evaluationMode, confusion: confusion) {
            case .entities(let evaluation): try output.write(json ? evaluation.jsonReport() : evaluation.textReport())
            case .morphology(let scores, let predicted): try output.write(json ? scores.jsonReport : scores.report(metrics: predicted))
            }
            try output.commit()
            return
        }
        let input: EvaluationInput
        if let gold, let pred {
            input = .aligned(gold: gold, predicted: pred, tagColumn: tagColumn)
        } else {
            input = .conlleval(path: files.first ?? "-")
        }
        if outsideTag != "O", !raw { printError("note: -o has no effect without -r, as in conlleval.pl") }
        let request = EvaluationRequest(
            input: input,
            options: ConllevalOptions(delimiter: try FieldDelimiter(perlRegex: delimiter ?? " "), raw: raw, outsideTag: outsideTag),
            mode: evaluationMode, confusion: confusion, explainScheme: explain ? chosenScheme : nil)
        let evaluation: Evaluation
        do {
            evaluation = try Evaluation(request)
        } catch let error as ConllevalFormatError {
            printError(error.description)
            throw ExitCode(error.exitStatus)
        }
        let output = try OutputFile(path: nil)
        try output.write(json ? evaluation.jsonReport() : evaluation.textReport())
        try output.commit()
    }

    private func printError(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

extension StrictScheme: ExpressibleByArgument {}
