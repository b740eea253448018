/// The language-specific data the tokenizer's rules consult: abbreviations that keep their
/// period, how hyphens and English contractions are treated, and which dotted names are web
/// addresses. The choices follow the Universal Dependencies treebanks (English-EWT,
/// Russian-GSD/Taiga), whose tokens the accuracy benchmark compares against.
struct TokenizerRules: Sendable {
    /// Words that keep a following period (`Dr.`, `etc.`, `г.`), matched exactly as written.
    /// Dotted forms (`e.g.`, `U.S.`, `т.е.`) and single capital letters (initials) need no entry.
    var abbreviations: Set<String>
    /// Lowercase single letters that keep a following period (Russian `г.`, `т.`, `н. э.`).
    var abbreviatedLetters: Set<UInt32>
    /// Whether hyphenated words are split at the hyphen (EWT does, except after a prefix or
    /// between numbers) or kept whole (Russian).
    var splitsHyphenatedWords: Bool
    /// Whether digits joined by a hyphen (`1904-1905`) are split (Russian) or kept (English phone
    /// numbers; English year ranges are split either way).
    var splitsNumberRanges: Bool
    /// Lowercase first parts that keep a hyphenated word whole where hyphens split (English
    /// `non-stop`, `e-mail`), or keep it whole before a capital (Russian `Санкт-Петербург`).
    var hyphenPrefixes: Set<String>
    /// Lowercase words that keep the particle `-то` attached (Russian `что-то`; `я - то` is split).
    var particleHosts: Set<String>
    /// Whether a one- or two-letter abbreviation gives up its period before `)` (Russian-GSD `(1998 г . )`).
    var abbreviationPeriodSplitsBeforeBracket: Bool
    /// Whether mixed runs of `.`, `!` and `?` without an ellipsis are one token (English-EWT `.?`).
    var joinsMixedTerminalPunctuation: Bool
    /// Whether English clitics are split off as UD does (`do n't`, `John 's`, `I 'm`).
    var splitsEnglishClitics: Bool
    /// Lowercase contractions written without an apostrophe, with the scalar count of their first
    /// word (`cannot` → `can not`, `dont` → `do nt`, `gonna` → `gon na`).
    var contractions: [String: Int] {
        didSet { packedContractions = Self.packed(contractions) }
    }
    /// `contractions` as (`packedASCII` of the word, split) sorted by key, so the hot path binary
    /// searches one integer instead of building and hashing a string for every word.
    private(set) var packedContractions: [(key: UInt64, split: Int)] = []

    init(abbreviations: Set<String>, abbreviatedLetters: Set<UInt32>, splitsHyphenatedWords: Bool,
         splitsNumberRanges: Bool, hyphenPrefixes: Set<String>, particleHosts: Set<String>,
         abbreviationPeriodSplitsBeforeBracket: Bool, joinsMixedTerminalPunctuation: Bool,
         splitsEnglishClitics: Bool, contractions: [String: Int]) {
        self.abbreviations = abbreviations
        self.abbreviatedLetters = abbreviatedLetters
        self.splitsHyphenatedWords = splitsHyphenatedWords
        self.splitsNumberRanges = splitsNumberRanges
        self.hyphenPrefixes = hyphenPrefixes
        self.particleHosts = particleHosts
        self.abbreviationPeriodSplitsBeforeBracket = abbreviationPeriodSplitsBeforeBracket
        self.joinsMixedTerminalPunctuation = joinsMixedTerminalPunctuation
        self.splitsEnglishClitics = splitsEnglishClitics
        self.contractions = contractions
        packedContractions = Self.packed(contractions)
    }

    private static func packed(_ contractions: [String: Int]) -> [(key: UInt64, split: Int)] {
        contractions.map { word, split in
            precondition(word.utf8.count <= 8 && word.utf8.allSatisfy { $0 > 0 && $0 < 0x80 }, "contraction \(word)")
            return (packedASCII(word.utf8.map(UInt32.init)), split)
        }.sorted { $0.key < $1.key }
    }

    /// The split of the contraction whose `packedASCII` is `key`, if there is one.
    func contractionSplit(packed key: UInt64) -> Int? {
        var low = 0, high = packedContractions.count
        while low < high {
            let middle = (low + high) / 2
            if packedContractions[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < packedContractions.count && packedContractions[low].key == key ? packedContractions[low].split : nil
    }

    /// Up to 8 ASCII scalars as one integer, the first in the lowest byte: the key of `packedContractions`.
    static func packedASCII(_ scalars: some Sequence<UInt32>) -> UInt64 {
        var key: UInt64 = 0
        for (index, scalar) in scalars.enumerated() { key |= UInt64(scalar) << (8 * UInt64(index)) }
        return key
    }

    /// Last labels (lowercase) that make `name.label` a web address or file name kept whole.
    static let domainEndings: Set<String> = [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "uk", "us", "ca",
        "au", "nz", "de", "fr", "it", "es", "nl", "jp", "cn", "in", "ru", "su", "ua", "by", "kz",
        "me", "tv", "ly", "eu", "рф", "html", "htm", "php", "asp", "aspx", "pdf", "doc", "docx",
        "xls", "xlsx", "ppt", "jpg", "jpeg", "gif", "png", "txt", "zip", "exe", "mp3",
    ]

    /// Emoticons kept as one token when nothing word-like is glued to their end.
    static let emoticons: [[UInt8]] = [
        ":-)", ":-(", ";-)", ":-D", ":-P", ":)", ":(", ";)", ":D", ":P", ":p", ":/", ":-/", "=)", ":'(", "<3",
    ].map { Array($0.utf8) }

    static let english = TokenizerRules(
        abbreviations: englishAbbreviations.union(russianAbbreviations),
        abbreviatedLetters: russianAbbreviatedLetters,
        splitsHyphenatedWords: true,
        splitsNumberRanges: false,
        hyphenPrefixes: [
            "e", "non", "mid", "pre", "anti", "re", "post", "co", "over", "pro", "multi", "ex", "sub",
            "semi", "cross", "neo", "psycho", "socio", "counter", "de", "un", "bi", "tri", "inter",
            "intra", "mis", "auto", "ultra", "mega", "micro", "macro", "pseudo", "quasi", "trans",
        ],
        particleHosts: [],
        abbreviationPeriodSplitsBeforeBracket: false,
        joinsMixedTerminalPunctuation: true,
        splitsEnglishClitics: true,
        contractions: [
            "cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "outta": 3,
            "dont": 2, "didnt": 3, "doesnt": 4, "isnt": 2, "wasnt": 3, "arent": 3, "arnt": 2,
            "werent": 4, "havent": 4, "hasnt": 3, "hadnt": 3, "couldnt": 5, "wouldnt": 5,
            "shouldnt": 6, "cant": 2, "wont": 2, "aint": 2,
            "im": 1, "ive": 1, "youre": 3, "youll": 3, "thats": 4, "whats": 4, "theres": 5,
        ])

    static let russian = TokenizerRules(
        abbreviations: englishAbbreviations.union(russianAbbreviations),
        abbreviatedLetters: russianAbbreviatedLetters,
        splitsHyphenatedWords: false,
        splitsNumberRanges: true,
        hyphenPrefixes: [
            "санкт", "юго", "северо", "южно", "западно", "восточно", "гран", "сан", "санта", "лас",
            "лос", "нью", "вест", "сент", "сен", "усть", "верхне", "нижне", "ново", "старо", "кэмп",
            "мак", "волго",
        ],
        particleHosts: [
            "что", "кто", "кого", "чего", "чему", "чем", "чём", "кому", "ком", "как", "какой", "какая",
            "какое", "какие", "какую", "каких", "каким", "где", "куда", "когда", "откуда", "почему",
            "зачем", "сколько", "чей", "чья", "чьё", "чьи", "кем", "какого", "какому", "каком",
            "какими", "чьего", "чьему", "чьей", "чьих", "чьим",
        ],
        abbreviationPeriodSplitsBeforeBracket: true,
        joinsMixedTerminalPunctuation: false,
        splitsEnglishClitics: false,
        contractions: [:])

    /// English abbreviations (shared by both languages: they never collide with Russian words).
    static let englishAbbreviations: Set<String> = [
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Gov", "Sen",
        "Rep", "Reps", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Rev", "Hon", "Pres", "Supt",
        "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Hwy",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
        "etc", "Etc", "vs", "Vs", "al", "approx", "Approx", "ca", "cf", "Cf", "esp", "fig", "Fig",
        "figs", "Figs", "est", "viz", "pp", "vol", "Vol", "vols", "No", "Nos", "oz", "lb", "lbs",
        "ft", "sq", "yr", "yrs", "hr", "hrs", "min", "mins", "sec", "Ph", "ext", "ect", "Drs", "Sts", "PS", "Pvt", "PVT", "LTD", "INC", "CORP", "dept", "inc", "ltd", "corp",
        "AZ", "Ariz", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Mass",
        "Md", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn",
        "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    ]

    /// Russian abbreviations (shared by both languages).
    static let russianAbbreviations: Set<String> = [
        "гг", "тыс", "млн", "млрд", "руб", "коп", "долл", "чел", "др", "пр", "проф", "акад", "доц",
        "ул", "пл", "пер", "просп", "наб", "обл", "кв", "им", "см", "ср", "стр", "рис", "табл", "гл",
        "ок", "св", "Св", "ст", "англ", "франц", "фр", "нем", "лат", "греч", "итал", "исп", "араб",
        "букв", "сокр", "род", "ум", "реж", "пол", "гр", "тел", "мин", "сек", "напр", "прим", "ред",
        "изд", "вып", "кн", "зам", "рус", "укр", "бел", "кит", "яп", "дер", "пос", "оз", "мм", "тт",
        "spp",
    ]

    /// Lowercase Cyrillic letters that are abbreviations: `г.` (год, город), `т. е.`, `н. э.`, `с.` …
    static let russianAbbreviatedLetters = Set("гтдкнэеврсчмпиуо".unicodeScalars.map(\.value))
}
