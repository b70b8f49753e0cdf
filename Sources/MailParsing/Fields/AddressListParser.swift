/// Reads RFC 5322 address lists (To, Cc, From, ...) as senders' clients
/// really write them.
///
/// The field is tokenised on raw bytes first and only display names are
/// decoded (RFC 2047) afterwards, so encoded commas and colons stay inside
/// names. Beyond RFC 5322 3.4 and its obsolete forms (4.4: routes, dotted
/// phrases, CFWS in addr-specs) it recovers from common breakage: unquoted
/// commas in names (`Doe, John <j@x>`), missing angle brackets, missing
/// commas between addresses, `;` used as a separator, unclosed quotes and
/// brackets. Entries it cannot read land in ``AddressList/unreadable`` with
/// their raw text; Exchange X.500 addresses in ``AddressList/x500Addresses``.
/// Runs in time linear in the field's size.
public enum AddressListParser {
  /// Parses one address-list field value (the bytes after the colon).
  public static func parse(_ bytes: [UInt8]) -> AddressList {
    PlainAddressList.read(bytes) ?? parseFully(bytes)
  }

  /// The full reader alone, for any field (tests compare it with
  /// ``PlainAddressList``).
  static func parseFully(_ bytes: [UInt8]) -> AddressList {
    var reader = EntryReader(bytes: bytes, tokens: AddressTokenizer.tokenize(bytes))
    reader.run()
    return reader.list
  }

  /// Parses an address-list given as text.
  public static func parse(_ text: String) -> AddressList {
    parse(Array(text.utf8))
  }
}

/// What one comma-separated entry turned out to be.
private enum EntryReading {
  case nothing
  /// The entry's addresses, already appended to the list from `start` on:
  /// appended where they are found rather than gathered in arrays of their
  /// own and copied over (under `perf`, about a third of parsing a header
  /// block when this was written).
  case addresses(start: Int, fromAngle: Bool)
  case nameOnly
  case unreadable
  case x500
}

/// Walks the tokens once, cutting entries and groups and reading each entry.
private struct EntryReader {
  let bytes: [UInt8]
  let tokens: [AddressToken]
  var list = AddressList()
  /// A name-only entry kept in case the next entry is its second half.
  var pending: Range<Int>?

  init(bytes: [UInt8], tokens: [AddressToken]) {
    self.bytes = bytes
    self.tokens = tokens
  }

  func token(_ index: Int) -> AddressToken? {
    index >= 0 && index < tokens.count ? tokens[index] : nil
  }

  mutating func run() {
    // A colon starts a group only when a `;` follows somewhere, or nothing
    // does (`undisclosed-recipients:`); otherwise it belongs to a name
    // (`First Last [AREA:] <u@x>`, MimeKit#1042 has it in brackets).
    let lastSemicolon = tokens.lastIndex { $0.isSpecial(Ascii.semicolon) } ?? -1
    let lastContent = tokens.lastIndex { $0.kind != .comment } ?? -1
    var group: String?
    var entryStart = 0
    var inAngle = false
    var addressSyntax = false
    var index = 0
    while let current = token(index) {
      defer { index += 1 }
      guard current.kind == .special else { continue }
      switch current.byte {
      case Ascii.lessThan:
        inAngle = true
        addressSyntax = true
      case Ascii.greaterThan:
        inAngle = false
      case Ascii.at:
        addressSyntax = true
      case Ascii.comma where !inAngle || !continuesRoute(after: index):
        // In angle brackets only a source route (`<@a,@b:u@x>`) holds a
        // comma; any other comma means the `>` is missing.
        inAngle = false
        finishEntry(entryStart..<index, group: group)
        entryStart = index + 1
        addressSyntax = false
      case Ascii.semicolon where !inAngle:
        finishEntry(entryStart..<index, group: group)
        flushPending(group: group)
        group = nil
        entryStart = index + 1
        addressSyntax = false
      case Ascii.colon where !inAngle && group == nil && !addressSyntax:
        guard index < lastSemicolon || index == lastContent,
          let name = phrase(entryStart..<index)
        else { continue }
        flushPending(group: group)
        group = name
        list.groups.append(name)
        entryStart = index + 1
      default:
        break
      }
    }
    finishEntry(entryStart..<tokens.count, group: group)
    flushPending(group: group)
  }

  func continuesRoute(after index: Int) -> Bool {
    token(nextContent(after: index, limit: tokens.count))?.isSpecial(Ascii.at) == true
  }

  mutating func finishEntry(_ range: Range<Int>, group: String?) {
    let reading = read(range)
    switch reading {
    case .nothing:
      return
    case .addresses(let start, let fromAngle):
      if let waiting = pending, fromAngle, list.addresses.count == start + 1,
        let joined = joinedName(waiting, with: range, name: list.addresses[start].displayName)
      {
        // `Doe, John <j@x>`: the halves do not each hold an address.
        list.addresses[start].displayName = joined
        pending = nil
      }
      flushPending(group: group)
      // Kept addresses move down over the X.500 ones, each once, and every
      // X.500 address shares one copy of the entry's text: an entry of
      // 50,000 of them is read in linear time and memory.
      var kept = start
      var entryText: String?
      for position in start..<list.addresses.count {
        if X500.isEncapsulated(list.addresses[position].localPart) {
          entryText = entryText ?? rawText(range)
          list.x500Addresses.append(entryText!)
        } else {
          if kept != position { list.addresses.swapAt(kept, position) }
          list.addresses[kept].group = group
          kept += 1
        }
      }
      list.addresses.removeSubrange(kept...)
    case .nameOnly:
      flushPending(group: group)
      pending = range
    case .unreadable:
      flushPending(group: group)
      list.unreadable.append(rawText(range))
    case .x500:
      flushPending(group: group)
      list.x500Addresses.append(rawText(range))
    }
  }

  mutating func flushPending(group: String?) {
    guard let waiting = pending else { return }
    pending = nil
    if isX500(waiting) {
      list.x500Addresses.append(rawText(waiting))
    } else {
      list.unreadable.append(rawText(waiting))
    }
  }

  /// `Doe` + `John` -> `Doe, John`, decoded as one phrase. Only a single
  /// word before the comma is read as a surname: `Sato Ichiro, Ito Kazuki
  /// <i@x>` is a name-only entry (unreadable, counted) and an address, as an
  /// RFC 5322 reader sees it.
  mutating func joinedName(_ first: Range<Int>, with second: Range<Int>, name: String?) -> String? {
    guard let head = phrase(first), !head.contains(" ") else { return nil }
    guard let name, !name.isEmpty else { return head }
    return head + ", " + name
  }

  // MARK: Reading one entry

  mutating func read(_ range: Range<Int>) -> EntryReading {
    guard range.contains(where: { token($0)?.kind != .comment }) else { return .nothing }
    if let open = range.first(where: { token($0)?.isSpecial(Ascii.lessThan) == true }) {
      return readAngle(range, open: open)
    }
    let start = list.addresses.count
    if appendAddrSpecs(range) > 0 { return .addresses(start: start, fromAngle: false) }
    if isX500(range) { return .x500 }
    if range.contains(where: { token($0)?.isSpecial(Ascii.at) == true }) { return .unreadable }
    return .nameOnly
  }

  /// `name <addr>`, possibly several angle addresses run together.
  mutating func readAngle(_ range: Range<Int>, open firstOpen: Int) -> EntryReading {
    let start = list.addresses.count
    var nameStart = range.lowerBound
    var open = firstOpen
    var sawEmptyAngle = false
    var broken = false
    var commentNameRead = false
    while true {
      // Unclosed `<`: the address runs to the end of the entry.
      let close = (open + 1..<range.upperBound).first { token($0)?.isSpecial(Ascii.greaterThan) == true }
      let innerEnd = close ?? range.upperBound
      let inner = skipRoute(open + 1..<innerEnd)
      if inner.allSatisfy({ token($0)?.kind == .comment }) {
        sawEmptyAngle = true
      } else if let spec = addrSpec(in: inner) {
        var address = spec
        // `a@x b@y <c@z>`: two or more bare addresses before the bracket are
        // a list whose commas were lost, not a name; one alone is the common
        // `j@x <j@x>` name (issue 3: `"a@x.com" <b@y.com>` is b@y.com).
        let issuesBefore = list.decodingIssues.count
        let namedStart = list.addresses.count
        if appendAddrSpecs(nameStart..<open) <= 1 {
          list.addresses.removeSubrange(namedStart...)
          // The name is read again as a phrase: keep its issues once.
          list.decodingIssues.removeLast(max(list.decodingIssues.count - issuesBefore, 0))
          address.displayName = phrase(nameStart..<open)
        }
        if address.displayName == nil, !commentNameRead {
          // Read once: scanning the entry per address would be quadratic.
          commentNameRead = true
          address.displayName = commentName(range)
        }
        list.addresses.append(address)
      } else {
        broken = true
      }
      guard let close,
        let next = (close + 1..<range.upperBound).first(where: { token($0)?.isSpecial(Ascii.lessThan) == true })
      else { break }
      nameStart = close + 1
      open = next
    }
    let found = list.addresses.count > start
    if broken || (!found && sawEmptyAngle && hasText(range)) {
      list.addresses.removeSubrange(start...)
      return isX500(range) ? .x500 : .unreadable
    }
    return found ? .addresses(start: start, fromAngle: true) : .nothing
  }

  /// True when the entry holds more than `<>` and comments.
  func hasText(_ range: Range<Int>) -> Bool {
    range.contains { index in
      guard let token = token(index), token.kind != .comment else { return false }
      return !(token.isSpecial(Ascii.lessThan) || token.isSpecial(Ascii.greaterThan))
    }
  }

  /// Drops an obsolete source route (`@a,@b:`) in front of an addr-spec.
  func skipRoute(_ range: Range<Int>) -> Range<Int> {
    guard let first = range.first(where: { token($0)?.kind != .comment }),
      token(first)?.isSpecial(Ascii.at) == true,
      let colon = range.first(where: { token($0)?.isSpecial(Ascii.colon) == true })
    else { return range }
    return colon + 1..<range.upperBound
  }

  /// The single addr-spec that fills `range` (comments aside), if any.
  mutating func addrSpec(in range: Range<Int>) -> Address? {
    let start = list.addresses.count
    guard appendAddrSpecs(range) == 1 else {
      list.addresses.removeSubrange(start...)
      return nil
    }
    return list.addresses.removeLast()
  }

  /// Appends every `local@domain` in `range` to the list's addresses and
  /// returns how many; a local part is words joined by dots, a domain is
  /// atoms joined by dots or a literal (CFWS allowed, RFC 5322 4.4).
  mutating func appendAddrSpecs(_ range: Range<Int>) -> Int {
    let start = list.addresses.count
    var consumedUpTo = range.lowerBound
    var index = range.lowerBound
    while index < range.upperBound {
      guard token(index)?.isSpecial(Ascii.at) == true else {
        index += 1
        continue
      }
      // Local part: backwards over word (. word)*, not into a previous spec;
      // comments may sit between the parts (RFC 5322 4.4).
      var localStart = index
      var cursor = previousContent(before: index, floor: consumedUpTo)
      while let word = token(cursor), cursor >= consumedUpTo, word.kind == .word || word.kind == .quoted {
        localStart = cursor
        let dot = previousContent(before: cursor, floor: consumedUpTo)
        guard token(dot)?.isSpecial(Ascii.dot) == true else { break }
        cursor = previousContent(before: dot, floor: consumedUpTo)
      }
      // Domain: forwards over atom (. atom)* or a literal.
      var domainEnd = index + 1
      cursor = nextContent(after: index, limit: range.upperBound)
      while cursor < range.upperBound, let part = token(cursor), part.kind == .word || part.kind == .literal {
        domainEnd = cursor + 1
        let dot = nextContent(after: cursor, limit: range.upperBound)
        guard dot < range.upperBound, token(dot)?.isSpecial(Ascii.dot) == true else { break }
        // A trailing dot (`x.com.`) is kept as written.
        domainEnd = dot + 1
        cursor = nextContent(after: dot, limit: range.upperBound)
      }
      guard localStart < index, domainEnd > index + 1 else {
        // A local part never spans an `@`; this also keeps the pass linear.
        index += 1
        consumedUpTo = index
        continue
      }
      var address = Address(localPart: localPart(localStart..<index), domain: text(index + 1..<domainEnd))
      if list.addresses.count == start, range.lowerBound < localStart {
        // `John Doe j@x`: the words before a bare address name it.
        address.displayName = phrase(range.lowerBound..<localStart)
      }
      list.addresses.append(address)
      consumedUpTo = domainEnd
      index = domainEnd
    }
    let found = list.addresses.count - start
    if found > 1 {
      // Several bare addresses in one entry: which words name which is a guess.
      for position in start..<list.addresses.count { list.addresses[position].displayName = nil }
    } else if found == 1, list.addresses[start].displayName == nil {
      list.addresses[start].displayName = commentName(range)
    }
    return found
  }

  /// The index of the last non-comment token before `index`, or `floor - 1`.
  func previousContent(before index: Int, floor: Int) -> Int {
    var cursor = index - 1
    while cursor >= floor, token(cursor)?.kind == .comment { cursor -= 1 }
    return cursor >= floor ? cursor : floor - 1
  }

  /// The index of the first non-comment token after `index`, or `limit`.
  func nextContent(after index: Int, limit: Int) -> Int {
    var cursor = index + 1
    while cursor < limit, token(cursor)?.kind == .comment { cursor += 1 }
    return min(cursor, limit)
  }

  // MARK: Text of tokens

  /// The local part as written, with a quoted dot-atom unquoted.
  func localPart(_ range: Range<Int>) -> String {
    if range.count == 1, let only = token(range.lowerBound), only.kind == .quoted {
      let content = unquoted(only)
      if LocalPart.isDotAtom(content) { return String(decoding: content, as: UTF8.self) }
      return LocalPart.quoted(content)
    }
    return text(range)
  }

  /// Tokens concatenated without whitespace or comments.
  func text(_ range: Range<Int>) -> String {
    // Tokens written back to back (`x.example.com`, nearly always) are one
    // run of the field's bytes: no buffer to gather them in.
    if let run = contiguousRun(range) { return String(decoding: bytesSlice(run.lowerBound, run.upperBound), as: UTF8.self) }
    var out: [UInt8] = []
    for index in range {
      guard let token = token(index), token.kind != .comment else { continue }
      out.append(contentsOf: slice(token))
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The byte range of `range`'s tokens when they hold no comment and no
  /// byte between them.
  func contiguousRun(_ range: Range<Int>) -> Range<Int>? {
    guard !range.isEmpty, let first = token(range.lowerBound), first.kind != .comment else { return nil }
    var end = first.end
    for index in range.dropFirst() {
      guard let next = token(index), next.kind != .comment, next.start == end else { return nil }
      end = next.end
    }
    return first.start..<end
  }

  /// A display name: words joined by single spaces, quotes removed, then
  /// RFC 2047 decoded; nil when empty.
  mutating func phrase(_ range: Range<Int>) -> String? {
    // Words already written with single spaces (`Anna Walker`, most names)
    // read as their bytes: no buffer to join them in.
    if let run = spacedRun(range) { return decodedName(bytesSlice(run.lowerBound, run.upperBound)) }
    var out: [UInt8] = []
    var space = false
    for index in range {
      guard let token = token(index), token.kind != .comment else { continue }
      space = space || token.spaceBefore
      // Stray quotes and parentheses are what is left of broken quoting.
      if token.kind == .special,
        token.byte == Ascii.quote || token.byte == Ascii.openParen || token.byte == Ascii.closeParen
      {
        continue
      }
      if space, !out.isEmpty { out.append(Ascii.space) }
      space = false
      if token.kind == .quoted {
        out.append(contentsOf: unquoted(token))
      } else {
        out.append(contentsOf: slice(token))
      }
    }
    return decodedName(out)
  }

  /// The byte range of `range`'s tokens when ``phrase(_:)`` would join
  /// them into exactly those bytes: no comment, quoted string or stray
  /// quote or parenthesis, and one space wherever white space separates two.
  func spacedRun(_ range: Range<Int>) -> Range<Int>? {
    guard !range.isEmpty, let first = token(range.lowerBound) else { return nil }
    var end = first.start
    for index in range {
      guard let next = token(index) else { return nil }
      switch next.kind {
      case .comment, .quoted: return nil
      case .special where next.byte == Ascii.quote || next.byte == Ascii.openParen || next.byte == Ascii.closeParen:
        return nil
      default: break
      }
      if index > range.lowerBound {
        let gap = next.start - end
        if next.spaceBefore {
          guard gap == 1, bytes[end] == Ascii.space else { return nil }
        } else {
          guard gap == 0 else { return nil }
        }
      }
      end = next.end
    }
    return first.start..<end
  }

  /// The first comment's text, used as a name for `j@x (John Doe)`.
  mutating func commentName(_ range: Range<Int>) -> String? {
    guard let index = range.first(where: { token($0)?.kind == .comment }), let comment = token(index) else {
      return nil
    }
    return decodedName(unescaped(bytesSlice(comment.start + 1, comment.end - 1)))
  }

  mutating func decodedName<C: Collection>(_ raw: C) -> String? where C.Element == UInt8 {
    guard !raw.isEmpty else { return nil }
    let decoded = EncodedWords.decode(raw)
    list.decodingIssues.append(contentsOf: decoded.issues)
    let name = decoded.text.trimmingWhitespace()
    return name.isEmpty ? nil : name
  }

  func unquoted(_ token: AddressToken) -> [UInt8] {
    unescaped(bytesSlice(token.start + 1, token.end - 1))
  }

  /// Resolves quoted-pairs (`\"` -> `"`).
  func unescaped(_ raw: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var escaped = false
    for byte in raw {
      if byte == Ascii.backslash, !escaped {
        escaped = true
        continue
      }
      escaped = false
      // Folding inside quotes leaves CR/LF behind in unfolded-by-others input.
      if byte != Ascii.cr, byte != Ascii.lf { out.append(byte) }
    }
    return out
  }

  func slice(_ token: AddressToken) -> ArraySlice<UInt8> { bytesSlice(token.start, token.end) }

  func bytesSlice(_ from: Int, _ to: Int) -> ArraySlice<UInt8> {
    let lower = min(max(from, 0), bytes.count)
    let upper = min(max(to, lower), bytes.count)
    return bytes[lower..<upper]
  }

  /// The entry's bytes as written, trimmed.
  func rawText(_ range: Range<Int>) -> String {
    guard let first = token(range.lowerBound), let last = token(range.upperBound - 1) else { return "" }
    return String(decoding: bytesSlice(first.start, last.end), as: UTF8.self)
  }

  /// `/O=ORG/OU=.../CN=RECIPIENTS/CN=x` written where an address belongs.
  func isX500(_ range: Range<Int>) -> Bool {
    guard let first = token(range.lowerBound), let last = token(range.upperBound - 1) else { return false }
    let raw = bytesSlice(first.start, last.end)
    return X500.looksLikeX500(raw)
  }
}

/// Exchange's legacy X.500 distinguished names.
enum X500 {
  /// True when `raw` holds `/O=` and `/CN=` (any case), or `IMCEAEX-`.
  static func looksLikeX500(_ raw: ArraySlice<UInt8>) -> Bool {
    contains(raw, "imceaex-") || (contains(raw, "/o=") && contains(raw, "/cn="))
  }

  /// True for an `IMCEAEX-` local part: an X.500 name wrapped as an address.
  static func isEncapsulated(_ localPart: String) -> Bool {
    let prefix = "imceaex-".utf8
    guard localPart.utf8.count >= prefix.count else { return false }
    return zip(localPart.utf8, prefix).allSatisfy { Ascii.lower($0) == $1 }
  }

  static func contains(_ raw: ArraySlice<UInt8>, _ needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    var rest = raw[...]
    while rest.count >= pattern.count {
      if zip(rest, pattern).allSatisfy({ Ascii.lower($0) == $1 }) { return true }
      rest = rest.dropFirst()
    }
    return false
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    // Every Character trimmed ends in one of these bytes and starts with
    // one: when neither end byte is white space there is nothing to trim,
    // and the Character walk (grapheme breaking) is skipped.
    guard let head = utf8.first, let tail = utf8.last,
      Ascii.isWhitespace(head) || Ascii.isWhitespace(tail)
    else { return self }
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
