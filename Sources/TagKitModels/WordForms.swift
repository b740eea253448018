/// The words of several sentences as a tagger's first layer sees them: each distinct spelling once,
/// with its word id and character ids, and every sentence as indices into those forms.
///
/// Tagging many sentences at once computes what depends on the word alone (its embedding row and
/// character features) once per form instead of once per position.
struct WordForms {
    /// Word id of each form (`<unk>` = 1 for words the vocabulary lacks).
    var words: [Int] = []
    /// Character ids of each form.
    var characters: [[Int]] = []
    /// For each sentence, the form of each of its words.
    var sentences: [[Int]] = []

    /// The sentence at `index` as the layers take it (no labels).
    func encoded(_ index: Int) -> EncodedSentence {
        let forms = sentences[index]
        return EncodedSentence(words: forms.map { words[$0] }, characters: forms.map { characters[$0] }, labels: [])
    }
}

extension TaggerVocabularies {
    /// The forms of `sentences`: each distinct string is looked up once (`wordID` and the character
    /// vocabulary) and becomes one form.
    func wordForms(of sentences: some Sequence<[String]>) -> WordForms {
        var result = WordForms()
        var formOfWord: [String: Int] = [:]
        for words in sentences {
            result.sentences.append(words.map { word in
                if let form = formOfWord[word] { return form }
                formOfWord[word] = result.words.count
                result.words.append(wordID(word))
                result.characters.append(word.map { characters.id(String($0)) })
                return result.words.count - 1
            })
        }
        return result
    }
}
