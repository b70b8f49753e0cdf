import MailParsing

/// What the analysis knows of one sent message: the facts kept in the index,
/// so findings can be recomputed without reading mail again.
public struct SentMessage: Hashable, Sendable {
  /// Message-ID (without brackets), or `sha256:` and the header block's hash.
  public var key: String
  public var messageID: String?
  public var date: MessageDate?
  /// Normalised From address (the first one), if readable.
  public var sender: String?
  public var senderName: String?
  public var subject: String?
  public var inReplyTo: [String]
  public var references: [String]
  public var recipients: [VisibleRecipient]

  public init(
    key: String, messageID: String? = nil, date: MessageDate? = nil, sender: String? = nil,
    senderName: String? = nil, subject: String? = nil, inReplyTo: [String] = [],
    references: [String] = [], recipients: [VisibleRecipient]
  ) {
    self.key = key
    self.messageID = messageID
    self.date = date
    self.sender = sender
    self.senderName = senderName
    self.subject = subject
    self.inReplyTo = inReplyTo
    self.references = references
    self.recipients = recipients
  }

  /// The ASCII domain of ``sender``.
  public var senderDomain: String? { Self.domain(ofSender: sender) }

  /// What follows the last `@` of `sender` (normalised: its ASCII domain).
  static func domain(ofSender sender: String?) -> String? {
    guard let sender, let at = sender.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
    return String(Substring(sender.utf8[sender.utf8.index(after: at)...]))
  }

  /// True when the message answers another: In-Reply-To, or a reply prefix
  /// (Re, AW, SV, 返信, any case, ASCII or full-width, then `:` or `：`).
  public var isReply: Bool {
    !inReplyTo.isEmpty || subject.map(SubjectPrefixes.isReply) == true
  }
}
