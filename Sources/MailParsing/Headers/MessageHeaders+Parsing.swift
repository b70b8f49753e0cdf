extension MessageHeaders {
  /// Parses the header block of `raw`. Never fails: what cannot be read
  /// becomes a ``Problem`` in ``problems``, located at the message
  /// (`raw.location.file` and `.offset`) and naming the field.
  ///
  /// Several To, Cc, Bcc (or Resent-*) fields are concatenated; for From,
  /// Sender, Date, Subject, Message-ID, In-Reply-To and References the first
  /// field counts.
  public init(parsing raw: RawMessage) {
    self.init()
    let block = HeaderBlock(raw.header)
    var builder = ProblemLog(file: raw.location.file, offset: raw.location.offset)
    malformedLineCount = block.malformedLineCount
    var seen = Set<HeaderFieldName>()
    for field in block.fields {
      if let original = field.originalLength {
        builder.add(.headerTooLarge, field.name,
                    "\(field.name.rawValue) field of \(original) bytes cut to \(HeaderLimits.maxFieldBytes)")
      }
      let first = seen.insert(field.name).inserted
      if field.name.isResent { isResent = true }
      switch field.name {
      case .from: if first { from = addresses(field, &builder) }
      case .sender: if first { sender = addresses(field, &builder) }
      case .to: to += addresses(field, &builder)
      case .cc: cc += addresses(field, &builder)
      case .bcc: bcc += addresses(field, &builder)
      case .resentFrom: resentFrom += addresses(field, &builder)
      case .resentTo: resentTo += addresses(field, &builder)
      case .resentCc: resentCc += addresses(field, &builder)
      case .resentBcc: resentBcc += addresses(field, &builder)
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
