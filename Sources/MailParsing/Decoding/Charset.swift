/// A MIME charset label resolved to the decoder mailaudit uses for it.
///
/// Labels are normalised (lower-cased, `_` to `-`) and mapped to supersets the
/// way mail clients and browsers read them (WHATWG Encoding): `iso-8859-1`
/// and `us-ascii` are read as windows-1252, `shift_jis` as CP932, `gb2312` as
/// GB18030, `euc-kr` as CP949, `iso-2022-jp` with the CP50221 extensions.
public struct Charset: Hashable, Sendable {
  /// The label as normalised (lower-case, `-` separators).
  public let label: String
  /// How the bytes are turned into text.
  let decoder: Decoder

  /// The ways a charset is decoded.
  enum Decoder: Hashable, Sendable {
    /// UTF-8, decoded by the standard library.
    case utf8
    /// ISO-2022-JP with the CP50220/CP50221 extensions (see ``ISO2022JP``).
    case iso2022jp
    /// Anything glibc iconv converts, by its iconv name.
    case iconv(String)
  }

  /// The charset for a MIME label; an unknown label still resolves to an
  /// iconv name, so ``isKnown`` says whether it can be used.
  public init(label rawLabel: String) {
    let label = Self.normalize(rawLabel)
    self.label = label
    if let known = Self.aliases[label] {
      decoder = known
    } else if label.hasPrefix("iso-8859-") || label.hasPrefix("windows-125") {
      decoder = .iconv(label.uppercased())
    } else if label.hasPrefix("iso8859-"), let part = label.split(separator: "-").last {
      decoder = .iconv("ISO-8859-\(part)")
    } else if label.hasPrefix("cp125") {
      decoder = .iconv("WINDOWS-" + label.dropFirst(2))
    } else {
      decoder = .iconv(label.uppercased())
    }
  }

  /// Whether this label names a charset that can be decoded here.
  public var isKnown: Bool {
    switch decoder {
    case .utf8, .iso2022jp: return true
    case .iconv(let name):
      // Only plain names go to iconv: `//` would select iconv options.
      guard !name.contains("/"), !name.isEmpty else { return false }
      return IconvConversion(iconvName: name).isAvailable
    }
  }

  /// The bytes as text, or nil when they are not valid in this charset (or
  /// the charset is unknown).
  public func decodeStrictly<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
    switch decoder {
    case .utf8:
      return String(validUTF8: bytes)
    case .iso2022jp:
      // JIS X 0213 (ESC $ ( O / Q) is not in CP932; glibc's ISO-2022-JP-3 has it.
      let input = Array(bytes)
      return ISO2022JP.decode(input, lossy: false)
        ?? IconvConversion(iconvName: "ISO-2022-JP-3").strict(input)
    case .iconv(let name):
      guard !name.contains("/") else { return nil }
      return IconvConversion(iconvName: name).strict(bytes)
    }
  }

  /// The bytes as text with U+FFFD where they are invalid; nil only when the
  /// charset is unknown.
  public func decodeLossily<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
    switch decoder {
    case .utf8:
      return String(decoding: Array(bytes), as: UTF8.self)
    case .iso2022jp:
      return ISO2022JP.decode(Array(bytes), lossy: true)
    case .iconv(let name):
      guard !name.contains("/") else { return nil }
      return IconvConversion(iconvName: name).lossy(bytes)
    }
  }

  /// Lower-cased, `_` to `-`, surrounding spaces and quotes removed.
  static func normalize(_ label: String) -> String {
    var result = ""
    for scalar in label.unicodeScalars {
      switch scalar {
      case "_": result.append("-")
      case "\"", "'", " ", "\t": continue
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result.lowercased()
  }

  /// Labels read as a superset or under another iconv name.
  static let aliases: [String: Decoder] = [
    "utf-8": .utf8, "utf8": .utf8, "unicode-1-1-utf-8": .utf8,
    "us-ascii": .iconv("WINDOWS-1252"), "ascii": .iconv("WINDOWS-1252"),
    "iso-8859-1": .iconv("WINDOWS-1252"), "latin1": .iconv("WINDOWS-1252"),
    "iso8859-1": .iconv("WINDOWS-1252"), "l1": .iconv("WINDOWS-1252"),
    "iso-ir-100": .iconv("WINDOWS-1252"), "cp819": .iconv("WINDOWS-1252"),
    "ibm819": .iconv("WINDOWS-1252"), "ansi-x3.4-1968": .iconv("WINDOWS-1252"),
    "iso-8859-9": .iconv("WINDOWS-1254"), "latin5": .iconv("WINDOWS-1254"),
    "iso-8859-11": .iconv("CP874"), "tis-620": .iconv("CP874"), "windows-874": .iconv("CP874"),
    "shift-jis": .iconv("CP932"), "sjis": .iconv("CP932"), "x-sjis": .iconv("CP932"),
    "ms-kanji": .iconv("CP932"), "csshiftjis": .iconv("CP932"), "windows-31j": .iconv("CP932"),
    "cp932": .iconv("CP932"), "ms932": .iconv("CP932"), "x-ms-cp932": .iconv("CP932"),
    "euc-jp": .iconv("EUCJP-MS"), "x-euc-jp": .iconv("EUCJP-MS"), "eucjp": .iconv("EUCJP-MS"),
    "cseucpkdfmtjapanese": .iconv("EUCJP-MS"), "cp51932": .iconv("EUCJP-MS"),
    "iso-2022-jp": .iso2022jp, "csiso2022jp": .iso2022jp, "cp50220": .iso2022jp,
    "cp50221": .iso2022jp, "cp50222": .iso2022jp, "iso-2022-jp-ms": .iso2022jp,
    "iso-2022-jp-1": .iso2022jp,
    "iso-2022-jp-2": .iconv("ISO-2022-JP-2"), "iso-2022-jp-3": .iconv("ISO-2022-JP-3"),
    "gb2312": .iconv("GB18030"), "gbk": .iconv("GB18030"), "cp936": .iconv("GB18030"),
    "x-gbk": .iconv("GB18030"), "euc-cn": .iconv("GB18030"), "csgb2312": .iconv("GB18030"),
    "gb18030": .iconv("GB18030"), "chinese": .iconv("GB18030"),
    "big5": .iconv("BIG5-HKSCS"), "big5-hkscs": .iconv("BIG5-HKSCS"), "x-x-big5": .iconv("BIG5-HKSCS"),
    "cn-big5": .iconv("BIG5-HKSCS"), "csbig5": .iconv("BIG5-HKSCS"),
    "euc-kr": .iconv("CP949"), "ks-c-5601-1987": .iconv("CP949"), "ks-c-5601-1989": .iconv("CP949"),
    "ksc5601": .iconv("CP949"), "korean": .iconv("CP949"), "cp949": .iconv("CP949"),
    "windows-949": .iconv("CP949"), "csksc56011987": .iconv("CP949"), "iso-ir-149": .iconv("CP949"),
    "iso-2022-kr": .iconv("ISO-2022-KR"),
    "utf-7": .iconv("UTF-7"), "utf7": .iconv("UTF-7"), "unicode-1-1-utf-7": .iconv("UTF-7"),
    "utf-16": .iconv("UTF-16"), "utf-16le": .iconv("UTF-16LE"), "utf-16be": .iconv("UTF-16BE"),
    "koi8-r": .iconv("KOI8-R"), "koi8r": .iconv("KOI8-R"), "koi8-u": .iconv("KOI8-U"),
    "koi8-ru": .iconv("KOI8-RU"), "koi": .iconv("KOI8-R"), "cskoi8r": .iconv("KOI8-R"),
    "latin2": .iconv("ISO-8859-2"), "latin3": .iconv("ISO-8859-3"), "latin4": .iconv("ISO-8859-4"),
    "cyrillic": .iconv("ISO-8859-5"), "arabic": .iconv("ISO-8859-6"), "greek": .iconv("ISO-8859-7"),
    "hebrew": .iconv("ISO-8859-8"), "iso-8859-8-i": .iconv("ISO-8859-8"),
    "latin6": .iconv("ISO-8859-10"), "latin9": .iconv("ISO-8859-15"), "iso-8859-15": .iconv("ISO-8859-15"),
    "macintosh": .iconv("MACINTOSH"), "mac": .iconv("MACINTOSH"), "x-mac-roman": .iconv("MACINTOSH"),
    "cp866": .iconv("CP866"), "ibm866": .iconv("CP866"), "windows-1258": .iconv("WINDOWS-1258"),
  ]
}
