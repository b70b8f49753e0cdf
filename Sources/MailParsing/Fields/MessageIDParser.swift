/// Reads Message-ID, In-Reply-To and References fields.
///
/// Ids are returned without angle brackets or inner whitespace. Tolerant of
/// what clients write around them: comments, quoted text and words between
/// ids (`<a@x> (John's message of ...)`), commas, ids without brackets, and a
/// `<` never closed.
public enum MessageIDParser {
  /// Every id in the field, in order.
  ///
  /// Bracketed ids win; when there are none, bare words holding an `@` are
  /// taken as ids.
  public static func ids(_ bytes: [UInt8]) -> [String] {
    var bracketed: [String] = []
    var bare: [String] = []
    var cursor = ByteCursor(bytes)
    let lastClose = bytes.lastIndex(of: Ascii.greaterThan) ?? -1
    while let byte = cursor.peek() {
      switch byte {
      case Ascii.openParen:
        skipComment(&cursor)
      case Ascii.quote:
        cursor.advance()
        while let inner = cursor.next(), inner != Ascii.quote {
          if inner == Ascii.backslash { cursor.advance() }
        }
      case Ascii.lessThan:
        if let id = bracketedID(&cursor, lastClose: lastClose) { bracketed.append(id) }
      case _ where Ascii.isWhitespace(byte) || byte == Ascii.comma || byte == 0:
        cursor.advance()
      default:
        let start = cursor.position
        cursor.skip { !Ascii.isWhitespace($0) && $0 != Ascii.comma && $0 != Ascii.lessThan && $0 != Ascii.openParen && $0 != 0 }
        let word = cursor.slice(start, cursor.position)
        if word.contains(Ascii.at) { bare.append(String(decoding: word, as: UTF8.self)) }
      }
    }
    return bracketed.isEmpty ? bare : bracketed
  }

  /// The id of a Message-ID field: its first id, or its first word when
  /// nothing looks like an id.
  public static func messageID(_ bytes: [UInt8]) -> String? {
    if let first = ids(bytes).first { return first }
    var cursor = ByteCursor(bytes)
    cursor.skip(while: Ascii.isWhitespace)
    let start = cursor.position
    cursor.skip { !Ascii.isWhitespace($0) && $0 != Ascii.openParen }
    let word = cursor.slice(start, cursor.position)
    return word.isEmpty ? nil : String(decoding: word, as: UTF8.self)
  }

  /// The id in the `<...>` at the cursor, without white space; nil when
  /// empty. The cursor ends after the `>`, or, for a `<` never closed
  /// (after `lastClose`, the field's last `>`), after the white space that
  /// ends it.
  static func bracketedID(_ cursor: inout ByteCursor, lastClose: Int) -> String? {
    cursor.advance()
    // The id's bytes are nearly always one run of the field's, read where
    // they lie; only white space inside an id makes them be gathered, byte
    // by byte (0.5 us an id before).
    let start = cursor.position
    var end = start
    var gathered: [UInt8]?
    while let inner = cursor.peek(), inner != Ascii.greaterThan, inner != Ascii.lessThan {
      cursor.advance()
      if Ascii.isWhitespace(inner) {
        if cursor.position > lastClose { break }
        if gathered == nil { gathered = Array(cursor.slice(start, end)) }
        continue
      }
      if gathered == nil { end = cursor.position } else { gathered!.append(inner) }
    }
    _ = cursor.consume(Ascii.greaterThan)
    if let gathered { return gathered.isEmpty ? nil : String(decoding: gathered, as: UTF8.self) }
    return end > start ? String(decoding: cursor.slice(start, end), as: UTF8.self) : nil
  }

  /// Skips a nested comment, or to the end when it is never closed.
  private static func skipComment(_ cursor: inout ByteCursor) {
    var depth = 0
    while let byte = cursor.next() {
      switch byte {
      case Ascii.backslash: cursor.advance()
      case Ascii.openParen: depth += 1
      case Ascii.closeParen:
        depth -= 1
        if depth == 0 { return }
      default: break
      }
    }
  }
}
