import ArgumentParser

/// `tagkit`: tag, train, evaluate, tokenize and inspect vectors.
@main
struct TagKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagkit",
        abstract: "Neural sequence labelling: tag, train and evaluate CoNLL data.",
        subcommands: [
            TrainCommand.self,
            TagCommand.self,
            QuickstartCommand.self,
            ClassifyCommand.self,
            EvalCommand.self,
            ConvertCommand.self,
            TokenizeCommand.self,
            VectorsCommand.self,
            DemoCommand.self,
        ])
}
