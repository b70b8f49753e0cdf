extension MessageHeaders {
  /// Parses the header block of `raw`. Never fails: what cannot be read
  /// becomes a ``Problem`` in ``problems``, located at the message
  /// (`raw.location.file` and `.offset`) and naming the field.
  ///
  /// Several To, Cc, Bcc (or Resent-*) fields are concatenated; for From,
  /// Sender, Date, Subject, Message-ID, In-Reply-To and References the first
  /// field counts.
  ///
  /// `raw` is borrowed, not owned (an initialiser's default): its caller
  /// keeps it, and owning it copied it for every message parsed.
  public init(parsing raw: borrowing RawMessage) {
    self.init()
    let block = HeaderBlock(raw.header)
    var builder = ProblemLog(file: raw.location.file, offset: raw.location.offset)
    malformedLineCount = block.malformedLineCount
    // Names met so far, one bit each: a Set would hash every field.
    var seen: UInt32 = 0
    for field in block.fields {
      if let original = field.originalLength {
        builder.add(.headerTooLarge, field.name,
                    "\(field.name.rawValue) field of \(original) bytes cut to \(HeaderLimits.maxFieldBytes)")
      }
      let first = seen & field.name.bit == 0
      seen |= field.name.bit
      if field.name.isResent { isResent = true }
      switch field.name {
      case .from: if first { from = addresses(field, &builder) }
      case .sender: if first { sender = addresses(field, &builder) }
      case .to: Self.append(addresses(field, &builder), to: &to)
      case .cc: Self.append(addresses(field, &builder), to: &cc)
      case .bcc: Self.append(addresses(field, &builder), to: &bcc)
      case .resentFrom: Self.append(addresses(field, &builder), to: &resentFrom)
      case .resentTo: Self.append(addresses(field, &builder), to: &resentTo)
      case .resentCc: Self.append(addresses(field, &builder), to: &resentCc)
      case .resentBcc: Self.append(addresses(field, &builder), to: &resentBcc)
      case .date:
        guard first else { continue }
        date = DateParser.parse(field.value)
        if date == nil {
          builder.add(.badDate, field.name, String(decoding: field.value, as: UTF8.self).trimmingWhitespace())
        }
      case .subject:
        guard first else { continue }
        let decoded = EncodedWords.decode(field.value)
        subject = decoded.text.trimmingWhitespace()
        builder.add(decoded.issues, field.name)
      case .messageID:
        if first { messageID = MessageIDParser.messageID(field.value) }
      case .inReplyTo:
        if first { inReplyTo = MessageIDParser.ids(field.value) }
      case .references:
        if first { references = MessageIDParser.ids(field.value) }
      case .gmailLabels:
        if first { gmailLabels = TakeoutLabels.parse(field.value) }
      }
    }
    problems = builder.problems
  }

  /// Reads one address field, recording what could not be read.
  private mutating func addresses(_ field: HeaderField, _ log: inout ProblemLog) -> [Address] {
    let list = AddressListParser.parse(field.value)
    for text in list.unreadable { log.add(.unparseableAddress, field.name, text) }
    for text in list.x500Addresses { log.add(.x500Address, field.name, text) }
    log.add(list.decodingIssues, field.name)
    switch field.name {
    case .to, .cc, .resentTo, .resentCc:
      recipientGroups += list.groups
      visibleX500 += list.x500Addresses
    default: break
    }
    for address in list.addresses where address.normalizedDomain == nil {
      log.add(.badDomain, field.name, address.addrSpec)
    }
    return list.addresses
  }

  /// Adds a field's addresses to those of the fields of its name before
  /// it. Nearly always there are none, and the list is taken as it is:
  /// appended, every address was copied and the list's own copy freed.
  private static func append(_ addresses: consuming [Address], to list: inout [Address]) {
    if list.isEmpty { list = addresses } else { list += addresses }
  }
}

/// Collects problems of one message, each located at the message.
private struct ProblemLog {
  let file: String
  let offset: UInt64
  var problems: [Problem] = []

  mutating func add(_ kind: Problem.Kind, _ field: HeaderFieldName, _ detail: String) {
    problems.append(Problem(kind: kind, file: file, offset: offset, field: field.rawValue, detail: detail))
  }

  mutating func add(_ issues: [DecodingIssue], _ field: HeaderFieldName) {
    for issue in issues { add(issue.kind, field, issue.detail) }
  }
}

extension HeaderFieldName {
  /// A bit of its own, for sets of names kept in one integer.
  fileprivate var bit: UInt32 {
    switch self {
    case .from: return 1 << 0
    case .sender: return 1 << 1
    case .to: return 1 << 2
    case .cc: return 1 << 3
    case .bcc: return 1 << 4
    case .resentFrom: return 1 << 5
    case .resentTo: return 1 << 6
    case .resentCc: return 1 << 7
    case .resentBcc: return 1 << 8
    case .date: return 1 << 9
    case .subject: return 1 << 10
    case .messageID: return 1 << 11
    case .inReplyTo: return 1 << 12
    case .references: return 1 << 13
    case .gmailLabels: return 1 << 14
    }
  }
}
