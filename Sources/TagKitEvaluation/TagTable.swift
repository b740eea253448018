/// The chunk prefix of a tag as conlleval.pl's start and end rules see it: only these prefixes
/// appear in the rules; every other prefix (`S`, `U`, `L`, a bare `PER`, …) is `.other`.
public enum ConllevalPrefix: UInt8, Sendable {
    case other, outside, begin, inside, end, dot, openBracket, closeBracket
}

/// Everything the evaluators need to know about one distinct tag, worked out once when the tag
/// is first seen, so the per-token work is integer comparisons only.
public struct TagInfo: Sendable, Equatable {
    /// The tag's id in `TagTable.tags` (the tag as read, before `-r` rewrote it).
    public var id: Int32
    /// conlleval: the kind of the text before the first `-` (after `-r`/`-o` rewriting).
    public var prefix: ConllevalPrefix
    /// conlleval: id of that prefix text in `TagTable.prefixes` (accuracy compares it).
    public var prefixID: Int32
    /// conlleval: id in `TagTable.types` of the text after the first `-` (`""` if none; `"0"` becomes `""`).
    public var type: Int32
    /// seqeval: the first byte of the tag if it is ASCII; 0 for an empty tag, 0xFF for a non-ASCII first character.
    public var seqevalLetter: UInt8
    /// seqeval strict mode: id in `TagTable.types` of `tag[1:].strip("-") or "_"`.
    public var strictType: Int32
    /// seqeval default mode: id in `TagTable.types` of `tag[1:].split("-", 1)[-1] or "_"`.
    public var defaultType: Int32
    /// Confusion-matrix label id in `TagTable.types`: `O` for an outside tag, else the type, else the whole tag.
    public var label: Int32
}

/// Interns the tags of one evaluation run and parses each distinct tag once, under the run's
/// conlleval options (`-r` adds `B-` to every tag but `O`; with it, the `-o` tag becomes `O`).
public final class TagTable {
    /// Distinct tags, as read.
    public let tags = ByteInterner()
    /// conlleval prefixes (text before the first `-`).
    public let prefixes = ByteInterner()
    /// Type names of every mode, and confusion labels: all share one id space.
    public let types = ByteInterner()
    /// `TagInfo` of each tag id.
    public private(set) var infos: [TagInfo] = []
    /// Whether tags are raw (conlleval `-r`).
    public let raw: Bool
    /// The outside tag that `-r` maps to `O`.
    public let outsideTag: [UInt8]

    /// The id of the empty type `""` (conlleval's type for `O`, bare tags and sentence breaks).
    public let emptyType: Int32
    /// What a sentence break reads as: `O` for every mode.
    public let outside: TagInfo

    public init(raw: Bool = false, outsideTag: String = "O") {
        self.raw = raw
        self.outsideTag = Array(outsideTag.utf8)
        emptyType = types.intern([UInt8]())
        outside = TagInfo(id: -1, prefix: .outside, prefixID: prefixes.intern(Array("O".utf8)), type: emptyType,
                          seqevalLetter: UInt8(ascii: "O"), strictType: types.intern(Array("_".utf8)),
                          defaultType: types.intern(Array("_".utf8)), label: types.intern(Array("O".utf8)))
    }

    /// The parsed tag for `bytes`, interning it if new.
    @inline(__always)
    public func info(_ bytes: UnsafeBufferPointer<UInt8>) -> TagInfo {
        if let id = tags.find(bytes) { return infos[Int(id)] }
        return add(bytes)
    }

    /// The parsed tag for `text` (set-up code and tests).
    public func info(_ text: String) -> TagInfo {
        Array(text.utf8).withUnsafeBufferPointer { info($0) }
    }

    private func add(_ bytes: UnsafeBufferPointer<UInt8>) -> TagInfo {
        let id = tags.intern(bytes)
        let tag = effectiveTag(Array(bytes))
        let dash = tag.firstIndex(of: UInt8(ascii: "-"))
        let prefixBytes = dash.map { Array(tag[..<$0]) } ?? tag
        var typeBytes = dash.map { Array(tag[($0 + 1)...]) } ?? []
        if typeBytes == [UInt8(ascii: "0")] { typeBytes = [] }
        let prefix: ConllevalPrefix
        switch prefixBytes {
        case [UInt8(ascii: "O")]: prefix = .outside
        case [UInt8(ascii: "B")]: prefix = .begin
        case [UInt8(ascii: "I")]: prefix = .inside
        case [UInt8(ascii: "E")]: prefix = .end
        case [UInt8(ascii: ".")]: prefix = .dot
        case [UInt8(ascii: "[")]: prefix = .openBracket
        case [UInt8(ascii: "]")]: prefix = .closeBracket
        default: prefix = .other
        }
        let type = types.intern(typeBytes)
        let label: Int32
        if prefix == .outside {
            label = outside.label
        } else {
            label = types.intern(typeBytes.isEmpty ? tag : typeBytes)
        }

        // seqeval reads the first character as the prefix and the rest as the type.
        var letter: UInt8 = 0
        var rest: [UInt8] = []
        if let first = tag.first {
            letter = first < 0x80 ? first : 0xFF
            let width = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            rest = Array(tag.dropFirst(min(width, tag.count)))
        }
        var stripped = rest[...]
        while stripped.first == UInt8(ascii: "-") { stripped = stripped.dropFirst() }
        while stripped.last == UInt8(ascii: "-") { stripped = stripped.dropLast() }
        let strictType = types.intern(stripped.isEmpty ? Array("_".utf8) : Array(stripped))
        let afterDash = rest.firstIndex(of: UInt8(ascii: "-")).map { Array(rest[($0 + 1)...]) } ?? rest
        let defaultType = types.intern(afterDash.isEmpty ? Array("_".utf8) : afterDash)

        let info = TagInfo(id: id, prefix: prefix, prefixID: prefixes.intern(prefixBytes), type: type,
                           seqevalLetter: letter, strictType: strictType, defaultType: defaultType, label: label)
        infos.append(info)
        return info
    }

    /// The tag after conlleval's `-r` rewriting: the `-o` tag and `O` stay (as) `O`, anything else gets `B-`.
    private func effectiveTag(_ tag: [UInt8]) -> [UInt8] {
        guard raw else { return tag }
        if tag == outsideTag || tag == [UInt8(ascii: "O")] { return [UInt8(ascii: "O")] }
        return Array("B-".utf8) + tag
    }
}
