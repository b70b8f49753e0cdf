/// Limits that keep one hostile message from costing unbounded memory.
public enum HeaderLimits {
  /// Largest unfolded field value kept (8 MiB, the header block's own
  /// limit); longer fields are cut there and reported as
  /// ``Problem/Kind/headerTooLarge``. A To field of 100,000 addresses
  /// (about 3 MB) is read whole: it is the worst leak, and must be counted.
  public static let maxFieldBytes = 8 << 20
}

/// The header fields mailaudit reads; all others are skipped unmaterialised.
public enum HeaderFieldName: String, CaseIterable, Sendable {
  /// Originator and recipient fields (RFC 5322 3.6.2, 3.6.3).
  case from, sender, to, cc, bcc
  /// `Resent-From`.
  case resentFrom = "resent-from"
  /// `Resent-To`.
  case resentTo = "resent-to"
  /// `Resent-Cc`.
  case resentCc = "resent-cc"
  /// `Resent-Bcc`.
  case resentBcc = "resent-bcc"
  /// `Date` and `Subject`.
  case date, subject
  /// `Message-ID`.
  case messageID = "message-id"
  /// `In-Reply-To`.
  case inReplyTo = "in-reply-to"
  /// `References`.
  case references
  /// `X-Gmail-Labels` (Google Takeout).
  case gmailLabels = "x-gmail-labels"

  /// True for `Resent-*` fields.
  public var isResent: Bool {
    switch self {
    case .resentFrom, .resentTo, .resentCc, .resentBcc: return true
    default: return false
    }
  }

  /// Lower-case spellings as bytes, for matching names without building strings.
  fileprivate static let table: [(HeaderFieldName, [UInt8])] =
    allCases.map { ($0, Array($0.rawValue.utf8)) }

  /// The field named by `name` (any case), or nil when mailaudit ignores it.
  init?(bytes name: ArraySlice<UInt8>) {
    for (field, spelling) in Self.table where spelling.count == name.count {
      var equal = true
      for (a, b) in zip(name, spelling) where Ascii.lower(a) != b {
        equal = false
        break
      }
      if equal {
        self = field
        return
      }
    }
    return nil
  }
}

/// One header field that mailaudit reads, unfolded.
public struct HeaderField: Hashable, Sendable {
  /// Which field this is.
  public var name: HeaderFieldName
  /// The value after the colon with line breaks of folded lines removed
  /// (the whitespace that followed them is kept, as RFC 5322 3.2.2 says).
  public var value: [UInt8]
  /// Byte offset of the field's first byte within the header block.
  public var offset: Int
  /// Bytes the unfolded value had before it was cut to the limit, if it was.
  public var originalLength: Int?
}

/// A raw header block cut into fields.
///
/// Tolerant of what real mailboxes hold: LF or CRLF line ends, a leading mbox
/// `From ` line (skipped), lines that are not fields (skipped and counted),
/// whitespace before the colon, NUL bytes, continuation lines that start the
/// block (ignored as part of no field).
public struct HeaderBlock: Sendable {
  /// The fields mailaudit reads, in the order they appear.
  public private(set) var fields: [HeaderField] = []
  /// Lines that are neither a field nor a continuation of one.
  public private(set) var malformedLineCount = 0
  /// Fields of any name seen, read or not.
  public private(set) var fieldCount = 0

  /// Slices `bytes` (one header block, without the blank line that ends it).
  public init(_ bytes: [UInt8]) {
    var cursor = ByteCursor(bytes)
    // Room for the fields a sent message usually has that are read here
    // (From, To, Cc, Date, Subject, Message-ID and a few more): grown from
    // empty, the array was allocated four times.
    fields.reserveCapacity(8)
    // An mbox separator left at the top is not a field.
    if Self.startsWithFromLine(cursor) { cursor.skip(while: { $0 != Ascii.lf }); _ = cursor.consume(Ascii.lf) }
    var current: HeaderField?
    while !cursor.isAtEnd {
      let lineStart = cursor.position
      let first = cursor.peek()
      if first == Ascii.space || first == Ascii.tab {
        // Continuation: append the line without its line break.
        let content = Self.lineContent(&cursor)
        if var field = current {
          Self.append(cursor.slice(content.lowerBound, content.upperBound), to: &field)
          current = field
        }
        continue
      }
      if let field = current { fields.append(field) }
      current = nil
      // A field name ends at the colon; whitespace may precede the colon.
      cursor.skip(while: { $0 != Ascii.colon && $0 != Ascii.lf && $0 != Ascii.space && $0 != Ascii.tab })
      let nameEnd = cursor.position
      cursor.skip(while: { $0 == Ascii.space || $0 == Ascii.tab })
      guard nameEnd > lineStart, cursor.consume(Ascii.colon) else {
        cursor.restore(lineStart)
        let content = Self.lineContent(&cursor)
        // A stray empty line (a lone CR) is not worth counting.
        if content.count > 0 { malformedLineCount += 1 }
        // Its continuation lines belong to nothing either.
        current = nil
        continue
      }
      fieldCount += 1
      let valueStart = cursor.position
      let content = Self.lineContent(&cursor)
      guard let name = HeaderFieldName(bytes: cursor.slice(lineStart, nameEnd)) else {
        // Skip this field and its continuation lines without copying them.
        while let next = cursor.peek(), next == Ascii.space || next == Ascii.tab { _ = Self.lineContent(&cursor) }
        continue
      }
      var field = HeaderField(name: name, value: [], offset: lineStart, originalLength: nil)
      Self.append(cursor.slice(valueStart, content.upperBound), to: &field)
      current = field
    }
    if let field = current { fields.append(field) }
  }

  /// Every field named `name`, in order.
  public func fields(named name: HeaderFieldName) -> [HeaderField] {
    fields.filter { $0.name == name }
  }

  /// The first field named `name`.
  public func first(_ name: HeaderFieldName) -> HeaderField? {
    fields.first { $0.name == name }
  }

  private static func startsWithFromLine(_ cursor: ByteCursor) -> Bool {
    let prefix: [UInt8] = [0x46, 0x72, 0x6F, 0x6D, 0x20]  // "From "
    for (offset, byte) in prefix.enumerated() where cursor.peek(ahead: offset) != byte { return false }
    return true
  }

  /// Consumes one line and its LF; returns the range without CR/LF.
  private static func lineContent(_ cursor: inout ByteCursor) -> Range<Int> {
    let start = cursor.position
    cursor.skip(while: { $0 != Ascii.lf })
    var end = cursor.position
    _ = cursor.consume(Ascii.lf)
    if end > start, cursor.slice(end - 1, end).first == Ascii.cr { end -= 1 }
    return start..<end
  }

  private static func append(_ bytes: ArraySlice<UInt8>, to field: inout HeaderField) {
    let lengthBefore = field.originalLength ?? field.value.count
    let room = HeaderLimits.maxFieldBytes - field.value.count
    if field.originalLength == nil, bytes.count <= room {
      field.value.append(contentsOf: bytes)
      return
    }
    if room > 0 { field.value.append(contentsOf: bytes.prefix(room)) }
    field.originalLength = lengthBefore + bytes.count
  }
}

/// ASCII bytes the parsers compare against, named.
enum Ascii {
  static let tab: UInt8 = 0x09
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let openParen: UInt8 = 0x28
  static let closeParen: UInt8 = 0x29
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let colon: UInt8 = 0x3A
  static let semicolon: UInt8 = 0x3B
  static let lessThan: UInt8 = 0x3C
  static let equals: UInt8 = 0x3D
  static let greaterThan: UInt8 = 0x3E
  static let question: UInt8 = 0x3F
  static let at: UInt8 = 0x40
  static let openBracket: UInt8 = 0x5B
  static let backslash: UInt8 = 0x5C
  static let closeBracket: UInt8 = 0x5D

  /// Space, tab, CR, LF.
  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == cr || byte == lf
  }

  /// ASCII lower-case of a byte (other bytes unchanged).
  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }
}

extension BidirectionalCollection where Element == UInt8 {
  /// The bytes without leading and trailing spaces, tabs, CR and LF.
  func trimmingASCIIWhitespace() -> SubSequence {
    guard let first = firstIndex(where: { !Ascii.isWhitespace($0) }),
      let last = lastIndex(where: { !Ascii.isWhitespace($0) })
    else { return self[endIndex...] }
    return self[first...last]
  }
}
