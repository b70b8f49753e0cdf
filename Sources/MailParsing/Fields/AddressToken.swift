/// One lexical unit of an address-list field, as byte positions in the value.
///
/// Tokens are cut from the raw bytes before any RFC 2047 decoding, so a comma
/// or colon that only appears once an encoded word is decoded never splits
/// or groups addresses (nodemailer/mailparser#246, SpamScope/mail-parser#105).
struct AddressToken: Sendable {
  enum Kind: UInt8, Sendable {
    /// An atom, an RFC 2047 encoded word, or any run of non-special bytes.
    case word
    /// A quoted string; the range includes both quotes.
    case quoted
    /// A comment; the range includes both parentheses.
    case comment
    /// A domain literal or bracketed text; the range includes both brackets.
    case literal
    /// One special byte: `< > @ , ; : .` or a stray `" ( ) [ ] \`.
    case special
  }

  var kind: Kind
  /// True when whitespace or a comment separated this token from the last.
  var spaceBefore: Bool
  /// The byte of a `.special` token.
  var byte: UInt8
  // Positions in 32 bits make a token 12 bytes instead of 32. A field of
  // 100,000 short addresses is about 600,000 tokens, and their array,
  // doubling as it grew, set the whole scan's peak (66.8 MiB in the
  // benchmark's parse-scaling check). The tokenizer reads at most
  // `maxBytes` of a field, far more than a header block may hold.
  private var start32: UInt32
  private var end32: UInt32

  /// First byte of the token in the field.
  var start: Int { Int(start32) }
  /// Byte after the token's last.
  var end: Int { Int(end32) }

  init(kind: Kind, start: Int, end: Int, spaceBefore: Bool, byte: UInt8) {
    self.kind = kind
    self.spaceBefore = spaceBefore
    self.byte = byte
    start32 = UInt32(truncatingIfNeeded: start)
    end32 = UInt32(truncatingIfNeeded: end)
  }

  func isSpecial(_ value: UInt8) -> Bool { kind == .special && byte == value }
}

/// Cuts address-list bytes into ``AddressToken``s in one linear pass.
struct AddressTokenizer {
  /// Deepest comment nesting followed; deeper comments are read as text.
  static let maxCommentDepth = 32
  /// Longest encoded word read as one token.
  static let maxEncodedWordLength = 512

  /// Most bytes of a field read: a token's positions are 32 bits. Header
  /// blocks stop far below (``MailboxLimits/maxHeaderBytes``).
  static let maxBytes = Int(UInt32.max)

  /// The tokens of `bytes`, of its first ``maxBytes`` at most.
  static func tokenize(_ bytes: [UInt8]) -> [AddressToken] {
    var tokens: [AddressToken] = []
    tokens.reserveCapacity(min(bytes.count, maxBytes) / 4)
    var cursor = ByteCursor(bytes.count > maxBytes ? Array(bytes.prefix(maxBytes)) : bytes)
    var space = false
    // Once a quote or comment runs to the end unclosed, later ones would too;
    // reading them as stray bytes keeps the pass linear.
    var quotesBroken = false
    var commentsBroken = false
    while let byte = cursor.peek() {
      let start = cursor.position
      if Ascii.isWhitespace(byte) || byte == 0 {
        cursor.advance()
        space = true
        continue
      }
      var kind = AddressToken.Kind.special
      switch byte {
      case Ascii.quote where !quotesBroken:
        if scanQuoted(&cursor) { kind = .quoted } else { quotesBroken = true; cursor.restore(start + 1) }
      case Ascii.openParen where !commentsBroken:
        if scanComment(&cursor) { kind = .comment } else { commentsBroken = true; cursor.restore(start + 1) }
      case Ascii.openBracket:
        if scanLiteral(&cursor) { kind = .literal } else { cursor.restore(start + 1) }
      case Ascii.lessThan, Ascii.greaterThan, Ascii.at, Ascii.comma, Ascii.semicolon, Ascii.colon,
        Ascii.dot, Ascii.quote, Ascii.openParen, Ascii.closeParen, Ascii.closeBracket, Ascii.backslash:
        cursor.advance()
      default:
        kind = .word
        if !scanEncodedWord(&cursor) { cursor.skip(while: isWordByte) }
      }
      tokens.append(AddressToken(kind: kind, start: start, end: cursor.position, spaceBefore: space, byte: byte))
      space = kind == .comment
    }
    return tokens
  }

  /// Bytes that can be part of an atom (RFC 5322 atext, plus 8-bit bytes).
  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0, Ascii.space, Ascii.tab, Ascii.cr, Ascii.lf, Ascii.quote, Ascii.openParen, Ascii.closeParen,
      Ascii.lessThan, Ascii.greaterThan, Ascii.at, Ascii.comma, Ascii.semicolon, Ascii.colon, Ascii.dot,
      Ascii.openBracket, Ascii.closeBracket, Ascii.backslash:
      return false
    default:
      return true
    }
  }

  /// Reads `"..."` with quoted-pairs; false (cursor anywhere) when unclosed.
  private static func scanQuoted(_ cursor: inout ByteCursor) -> Bool {
    cursor.advance()
    while let byte = cursor.next() {
      if byte == Ascii.backslash {
        cursor.advance()
      } else if byte == Ascii.quote {
        return true
      }
    }
    return false
  }

  /// Reads a nested comment; false when unclosed or nested too deeply.
  private static func scanComment(_ cursor: inout ByteCursor) -> Bool {
    cursor.advance()
    var depth = 1
    while let byte = cursor.next() {
      switch byte {
      case Ascii.backslash: cursor.advance()
      case Ascii.openParen:
        depth += 1
        if depth > maxCommentDepth { return false }
      case Ascii.closeParen:
        depth -= 1
        if depth == 0 { return true }
      default: break
      }
    }
    return false
  }

  /// Reads `[...]`; stops at the next `[` so a failed scan stays linear.
  private static func scanLiteral(_ cursor: inout ByteCursor) -> Bool {
    cursor.advance()
    while let byte = cursor.next() {
      if byte == Ascii.closeBracket { return true }
      if byte == Ascii.openBracket { return false }
    }
    return false
  }

  /// Reads `=?charset?encoding?text?=` as one word, even when the text holds
  /// bytes that are specials elsewhere (broken encoders write raw commas and
  /// colons there). False, cursor unmoved, when the shape does not match.
  private static func scanEncodedWord(_ cursor: inout ByteCursor) -> Bool {
    guard cursor.peek() == Ascii.equals, cursor.peek(ahead: 1) == Ascii.question else { return false }
    let start = cursor.checkpoint
    cursor.advance(by: 2)
    var questionMarks = 0
    // RFC 2047 caps a word at 75 bytes; a wider bound still keeps failed
    // attempts from rescanning long runs.
    while cursor.position - start < maxEncodedWordLength, let byte = cursor.next() {
      if Ascii.isWhitespace(byte) || byte == 0 { break }
      if byte == Ascii.question {
        questionMarks += 1
        if questionMarks >= 3, cursor.peek() == Ascii.equals {
          cursor.advance()
          return true
        }
      }
    }
    cursor.restore(start)
    return false
  }
}
