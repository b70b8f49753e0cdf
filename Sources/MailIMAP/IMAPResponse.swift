/// One response from the server, as RFC 3501 section 7 sorts them.
enum IMAPResponse: Equatable, Sendable {
  /// `+ text`: the server waits for the rest of a command (a literal).
  case continuation
  /// `* ...`: data, with the bytes after `* `.
  case untagged([UInt8])
  /// `tag OK|NO|BAD text`: the end of the command with that tag.
  case tagged(tag: String, status: IMAPStatus, text: String)

  /// Reads a frame from ``IMAPFrameDecoder``; nil when it is none of the three.
  init?(frame: [UInt8]) {
    var cursor = IMAPCursor(frame)
    if cursor.skip("+") {
      self = .continuation
      return
    }
    if cursor.skip("* ") {
      self = .untagged(Array(frame.dropFirst(2)))
      return
    }
    guard let tag = cursor.atom(), cursor.skip(" "), let word = cursor.atom(),
      let status = IMAPStatus(rawValue: word.uppercased())
    else { return nil }
    _ = cursor.skip(" ")
    self = .tagged(tag: tag, status: status, text: cursor.restAsText())
  }
}

/// How a command ended.
enum IMAPStatus: String, Equatable, Sendable {
  case ok = "OK"
  case no = "NO"
  case bad = "BAD"
}

/// A message's data from a `UID FETCH` response.
struct IMAPFetchedMessage: Equatable, Sendable {
  var uid: UInt32
  var size: UInt64?
  /// The header fields asked for, as the server sent them (CRLF lines and
  /// the blank line that ends them).
  var header: [UInt8]?
}

/// Readings of untagged responses (the bytes after `* `).
enum IMAPUntagged {
  /// `OK [UIDVALIDITY n] ...` gives n.
  static func uidValidity(_ bytes: [UInt8]) -> UInt32? {
    var cursor = IMAPCursor(bytes)
    guard cursor.skipWord("OK"), cursor.skip(" "), cursor.skip("["), cursor.skipWord("UIDVALIDITY"),
      cursor.skip(" ")
    else { return nil }
    return cursor.number().flatMap { UInt32(exactly: $0) }
  }

  /// `SEARCH 3 4 9` gives the numbers; nil for any other response.
  static func searchResults(_ bytes: [UInt8]) -> [UInt32]? {
    var cursor = IMAPCursor(bytes)
    guard cursor.skipWord("SEARCH") else { return nil }
    var numbers: [UInt32] = []
    while cursor.skip(" ") {
      guard let n = cursor.number(), let uid = UInt32(exactly: n) else { break }
      numbers.append(uid)
    }
    return numbers
  }

  /// `CAPABILITY IMAP4rev1 SASL-IR ...`, or a greeting or OK with a
  /// `[CAPABILITY ...]` code, gives the names upper-cased; nil otherwise.
  static func capabilities(_ bytes: [UInt8]) -> Set<String>? {
    var cursor = IMAPCursor(bytes)
    let listed: String
    if cursor.skipWord("CAPABILITY") {
      listed = cursor.restAsText()
    } else if cursor.skipWord("OK") || cursor.skipWord("PREAUTH"), cursor.skip(" "), cursor.skip("["),
      cursor.skipWord("CAPABILITY")
    {
      listed = String(cursor.restAsText().prefix { $0 != "]" })
    } else {
      return nil
    }
    return Set(listed.split(separator: " ").map { $0.uppercased() })
  }

  /// `BYE text`: the server is closing the connection.
  static func isBye(_ bytes: [UInt8]) -> Bool {
    var cursor = IMAPCursor(bytes)
    return cursor.skipWord("BYE")
  }

  /// `n FETCH (UID u RFC822.SIZE s BODY[...] {k}\r\n...)` gives the UID,
  /// size and header bytes; nil for any other response or one without UID.
  /// Attributes this client did not ask for (FLAGS sent unasked) are skipped.
  static func fetched(_ bytes: [UInt8]) -> IMAPFetchedMessage? {
    var cursor = IMAPCursor(bytes)
    guard cursor.number() != nil, cursor.skip(" "), cursor.skipWord("FETCH"), cursor.skip(" "), cursor.skip("(")
    else { return nil }
    var uid: UInt32?
    var size: UInt64?
    var header: [UInt8]?
    while !cursor.skip(")") {
      _ = cursor.skip(" ")
      guard let name = cursor.atom()?.uppercased(), cursor.skip(" ") else { return nil }
      switch name {
      case "UID":
        guard let n = cursor.number(), let value = UInt32(exactly: n) else { return nil }
        uid = value
      case "RFC822.SIZE":
        guard let n = cursor.number() else { return nil }
        size = n
      case _ where name.hasPrefix("BODY["):
        guard let value = cursor.nstring() else { return nil }
        header = value
      default:
        guard cursor.skipValue() else { return nil }
      }
    }
    guard let uid else { return nil }
    return IMAPFetchedMessage(uid: uid, size: size, header: header)
  }
}

/// A checked reader over one response's bytes: every read returns nil
/// instead of going past the end, so a malformed response cannot trap.
struct IMAPCursor {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  mutating func skip(_ literal: String) -> Bool {
    let expected = Array(literal.utf8)
    guard bytes.count - position >= expected.count,
      bytes[position..<(position + expected.count)].elementsEqual(expected)
    else { return false }
    position += expected.count
    return true
  }

  /// An atom equal to `word`, ignoring case, followed by a non-atom byte.
  mutating func skipWord(_ word: String) -> Bool {
    let start = position
    guard let atom = atom(), atom.uppercased() == word else {
      position = start
      return false
    }
    return true
  }

  /// Atom characters, with a `[...]` section kept whole (`BODY[HEADER.FIELDS (FROM TO)]`).
  mutating func atom() -> String? {
    let start = position
    var depth = 0
    while let byte = peek {
      if byte == UInt8(ascii: "[") {
        depth += 1
      } else if byte == UInt8(ascii: "]") {
        if depth == 0 { break }
        depth -= 1
      } else if depth == 0, Self.endsAtom(byte) {
        break
      }
      position += 1
    }
    guard position > start else { return nil }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  static func endsAtom(_ byte: UInt8) -> Bool {
    byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
      || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "\"")
  }

  mutating func number() -> UInt64? {
    var value: UInt64 = 0
    var digits = 0
    while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !o1, !o2 else { return nil }
      value = sum
      digits += 1
      position += 1
    }
    return digits > 0 ? value : nil
  }

  /// A literal, a quoted string, or NIL (as an empty value).
  mutating func nstring() -> [UInt8]? {
    if skip("{") {
      guard let n = number(), let length = Int(exactly: n) else { return nil }
      _ = skip("+")
      guard skip("}") else { return nil }
      _ = skip("\r")
      guard skip("\n"), bytes.count - position >= length else { return nil }
      let value = Array(bytes[position..<(position + length)])
      position += length
      return value
    }
    if skip("\"") {
      var value: [UInt8] = []
      while let byte = peek {
        position += 1
        if byte == UInt8(ascii: "\"") { return value }
        if byte == UInt8(ascii: "\\") {
          guard let escaped = peek else { return nil }
          position += 1
          value.append(escaped)
        } else {
          value.append(byte)
        }
      }
      return nil
    }
    if skipWord("NIL") { return [] }
    return nil
  }

  /// Skips one value of an attribute not asked for: a parenthesised list,
  /// a string or an atom.
  mutating func skipValue() -> Bool {
    if skip("(") {
      while !skip(")") {
        guard peek != nil else { return false }
        if skip(" ") { continue }
        guard skipValue() else { return false }
      }
      return true
    }
    if peek == UInt8(ascii: "{") || peek == UInt8(ascii: "\"") { return nstring() != nil }
    return atom() != nil
  }

  func restAsText() -> String {
    String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self)
  }
}
