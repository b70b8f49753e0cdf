/// Writes text as RFC 2047 encoded words, `=?UTF-8?B?...?=`: the inverse of
/// ``EncodedWords``, for header lines mailaudit makes itself (a header block
/// rebuilt from an Outlook item's properties, a notification draft).
public enum EncodedWordWriter {
  /// Words of whole characters, none longer than 75 characters (RFC 2047):
  /// the first fits after `used` characters of a line of at most
  /// `lineLimit` (when at least 20 are left), each later one after the
  /// single space of a folded line.
  public static func words(_ text: String, used: Int, lineLimit: Int = 78) -> [String] {
    // Each 3 bytes are 4 base64 characters; `=?UTF-8?B?` and `?=` are 12.
    func capacity(_ room: Int) -> Int { max((min(room, 75) - 12) / 4 * 3, 6) }
    var words: [String] = []
    var chunk: [UInt8] = []
    var limit = capacity(lineLimit - used)
    func append(_ bytes: [UInt8]) {
      if chunk.count + bytes.count > limit, !chunk.isEmpty {
        words.append("=?UTF-8?B?" + base64(chunk) + "?=")
        chunk = []
        limit = capacity(lineLimit - 1)
      }
      chunk += bytes
    }
    for character in text {
      let bytes = Array(String(character).utf8)
      // A character kept whole where it fits; one longer than the word it
      // must start (a long emoji sequence) goes scalar by scalar, each word
      // still whole UTF-8, and decoders join adjacent words back into it.
      if bytes.count <= (chunk.isEmpty ? limit : capacity(lineLimit - 1)) {
        append(bytes)
      } else {
        for scalar in character.unicodeScalars { append(Array(String(scalar).utf8)) }
      }
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
    return words
  }

  /// Standard base64 with padding (RFC 4648), without Foundation.
  static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i]
      let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
      let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(alphabet[Int(b0 >> 2)])
      out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}
