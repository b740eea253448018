extension Sentence {
    /// Rewrites the tags in column `column` (0-based) from scheme `source` (`nil`: any scheme) to `target`.
    /// `file` names the input in error messages; each tag's line number comes from its token.
    public mutating func convertTags(column: Int, from source: TagScheme?, to target: TagScheme, file: String) throws {
        guard !tokens.isEmpty else { return }
        let tags = try tokens.map { token in
            guard column < token.columns.count else {
                throw InputError(file: file, line: token.line, expected: "a tag in column \(column + 1)",
                                 found: "\(token.columns.count) columns")
            }
            return token.columns[column]
        }
        let place = { (index: Int) in (file: file, line: Optional(self.tokens[index].line)) }
        let converted = try target.convert(tags, from: source, place: place)
        for index in tokens.indices where tokens[index].columns[column] != converted[index] {
            tokens[index].columns[column] = converted[index]
        }
    }
}
