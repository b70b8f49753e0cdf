import Foundation
// Interim decoder (UTF-8 only), replaced by the full RFC 2047 decoder.
/// RFC 2047 encoded words.
public enum EncodedWords {
  /// Decodes header text: raw bytes (UTF-8 or a legacy charset) with any
  /// RFC 2047 encoded words in it. Never fails.
  public static func decode<C: Collection>(_ bytes: C) -> DecodedText where C.Element == UInt8 {
    DecodedText(text: String(decoding: Array(bytes), as: UTF8.self))
  }
}
