/// The file layouts `WordVectors` reads and writes.
///
/// * `word2vecText`: a header line `COUNT DIM`, then one `word v1 … vDIM` line per word
///   (fastText `.vec` files are this format).
/// * `word2vecBinary`: the header line `COUNT DIM\n`, then per word: the word's UTF-8 bytes, one
///   space, `DIM` little-endian Float32 values; the original C tool adds `\n` after each vector,
///   gensim does not. Whitespace before a word is skipped; the file is never split on newlines.
/// * `glove`: no header; one `word v1 … vDIM` line per word, `DIM` = fields on the first line − 1.
///
/// In the text formats fields are separated by spaces or tabs, trailing spaces, tabs and `\r` are
/// ignored, and the last `DIM` fields are the values, so a word may contain spaces (GloVe 840B has
/// such tokens). A word whose later parts are all numbers cannot be told from a row with too many
/// values and is reported as one.
public enum VectorFormat: String, CaseIterable, Sendable {
    case word2vecText = "word2vec-text"
    case word2vecBinary = "word2vec-binary"
    case glove

    /// Whether the file starts with a `COUNT DIM` line.
    public var hasHeader: Bool { self != .glove }
}
