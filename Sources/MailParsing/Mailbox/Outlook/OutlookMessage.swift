import Glibc

/// A message read from Outlook's own formats (`.msg`, `.pst`/`.ost`): the
/// MAPI properties mailaudit audits, whatever file held them.
///
/// Outlook keeps no RFC 5322 header block for a sent item: its recipient
/// table is the record of who saw the message. ``headerBlock()`` writes the
/// properties as a header block, so everything downstream (the header
/// parser, the analyzer, the index) reads an Outlook message exactly as it
/// reads any other, and a `.msg`, the same item in a `.pst` and its `.eml`
/// export give the same findings.
public struct OutlookMessage: Sendable, Equatable {
  /// `PidTagRecipientType & 3`: where a recipient was listed.
  public enum RecipientKind: Int, Sendable, Equatable {
    case to = 1
    case cc = 2
    case bcc = 3
  }

  /// One row of the recipient table, or the sender.
  public struct Party: Sendable, Equatable {
    public var kind: RecipientKind
    /// `PidTagDisplayName`.
    public var displayName: String?
    /// The SMTP address: `PidTagSmtpAddress` for an `EX` recipient, else
    /// `PidTagEmailAddress`; an Exchange X.500 DN when that is all there is.
    public var address: String?
    /// `PidTagAddressType`: `SMTP`, `EX`, ...
    public var addressType: String?

    public init(kind: RecipientKind = .to, displayName: String? = nil, address: String? = nil, addressType: String? = nil) {
      self.kind = kind
      self.displayName = displayName
      self.address = address
      self.addressType = addressType
    }
  }

  public var subject: String?
  /// `PidTagInternetMessageId`, with its angle brackets.
  public var messageID: String?
  /// `PidTagInReplyToId`.
  public var inReplyTo: String?
  /// `PidTagInternetReferences`.
  public var references: String?
  /// `PidTagClientSubmitTime` (else the delivery or creation time), as a
  /// FILETIME: 100-nanosecond ticks since 1601-01-01 UTC.
  public var submitTime: UInt64?
  /// The sender (`PidTagSenderSmtpAddress`, `PidTagSenderName`, ...).
  public var sender: Party?
  /// The recipient table, in its order.
  public var recipients: [Party]
  /// `mfUnsent` in `PidTagMessageFlags`: a draft, never sent.
  public var unsent: Bool
  /// `PidTagTransportMessageHeaders`, when the item kept the headers it was
  /// sent or received with.
  public var transportHeaders: String?
  /// `PidTagMessageClass` (`IPM.Note`, `IPM.Schedule.Meeting.Request`,
  /// `IPM.Contact`...), when known.
  public var messageClass: String?

  /// Item classes that are not mail sent to anyone: a contact, a list of
  /// contacts, an appointment (its invitations are `IPM.Schedule.*` items),
  /// a task, a note, a journal entry.
  public static let nonMailClasses = ["IPM.Contact", "IPM.DistList", "IPM.Appointment", "IPM.Task", "IPM.StickyNote",
                                      "IPM.Activity"]

  /// False for the item classes of ``nonMailClasses`` (and their
  /// subclasses); true for any other class, or none.
  public var isMail: Bool {
    guard let messageClass = messageClass?.uppercased() else { return true }
    return !Self.nonMailClasses.contains { messageClass == $0.uppercased() || messageClass.hasPrefix($0.uppercased() + ".") }
  }

  public init(
    subject: String? = nil, messageID: String? = nil, inReplyTo: String? = nil, references: String? = nil,
    submitTime: UInt64? = nil, sender: Party? = nil, recipients: [Party] = [], unsent: Bool = false,
    transportHeaders: String? = nil
  ) {
    self.subject = subject
    self.messageID = messageID
    self.inReplyTo = inReplyTo
    self.references = references
    self.submitTime = submitTime
    self.sender = sender
    self.recipients = recipients
    self.unsent = unsent
    self.transportHeaders = transportHeaders
  }

  /// The label a draft carries, so the scan's Sent filter leaves it out
  /// (counted as not sent) unless every message is asked for.
  public static let draftLabel = "Drafts"

  /// Labels for ``RawMessage/labels``: ``draftLabel`` for an unsent draft,
  /// nil (always audited) for anything else.
  public var labels: [String]? { unsent ? [Self.draftLabel] : nil }

  /// The properties as an RFC 5322 header block (LF line ends): From, To,
  /// Cc, Bcc (one recipient a line), Subject, Date, Message-ID, In-Reply-To,
  /// References. Names that are not plain ASCII are RFC 2047 encoded words.
  public func headerBlock() -> [UInt8] {
    var lines: [String] = []
    if let sender, let mailbox = Self.mailbox(sender) { lines.append("From: " + mailbox) }
    for (kind, name) in [(RecipientKind.to, "To"), (.cc, "Cc"), (.bcc, "Bcc")] {
      let mailboxes = recipients.filter { $0.kind == kind }.compactMap(Self.mailbox)
      if !mailboxes.isEmpty { lines.append(name + ": " + mailboxes.joined(separator: ",\n ")) }
    }
    if let subject { lines.append("Subject: " + Self.unstructured(subject)) }
    if let submitTime, let date = Self.rfc5322Date(filetime: submitTime) { lines.append("Date: " + date) }
    if let messageID = Self.singleLine(messageID) { lines.append("Message-ID: " + messageID) }
    if let inReplyTo = Self.singleLine(inReplyTo) { lines.append("In-Reply-To: " + inReplyTo) }
    if let references = Self.singleLine(references) { lines.append("References: " + references) }
    return Array(lines.map { $0 + "\n" }.joined().utf8)
  }

  /// `name <address>`, the name quoted or encoded as needed; nil without an
  /// address (a recipient Outlook could not resolve is nobody's address).
  static func mailbox(_ party: Party) -> String? {
    guard var address = singleLine(party.address), !address.isEmpty else { return nil }
    // An Exchange X.500 DN is written bare: the header parser keeps it as
    // an X.500 address for the configured map, not as a broken address.
    if address.hasPrefix("/") { return address }
    if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
    guard let name = singleLine(party.displayName), !name.isEmpty, name != address else { return "<\(address)>" }
    return phrase(name) + " <\(address)>"
  }

  /// A display name as a quoted string, or as encoded words when it holds
  /// anything but printable ASCII.
  static func phrase(_ name: String) -> String {
    if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
      var quoted = "\""
      for character in name {
        if character == "\"" || character == "\\" { quoted.append("\\") }
        quoted.append(character)
      }
      return quoted + "\""
    }
    return encodedWords(name)
  }

  /// Unstructured text (a subject): as is when printable ASCII, else
  /// encoded words.
  static func unstructured(_ text: String) -> String {
    let line = singleLine(text) ?? ""
    return line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? line : encodedWords(line)
  }

  /// Encoded words on folded lines (45 bytes of text each, never
  /// splitting a character).
  static func encodedWords(_ text: String) -> String {
    EncodedWordWriter.words(text, used: 1).joined(separator: "\n ")
  }

  /// The text with line breaks and other controls turned to spaces and
  /// surrounding white space trimmed, so a property cannot start a new
  /// header field; nil for nil.
  static func singleLine(_ text: String?) -> String? {
    guard let text else { return nil }
    let cleaned = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    let trimmed = cleaned.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
    return String(trimmed)
  }

  /// A FILETIME as an RFC 5322 date in UTC; nil outside 1970-9999.
  public static func rfc5322Date(filetime: UInt64) -> String? {
    let unixEpochTicks: UInt64 = 116_444_736_000_000_000
    guard filetime >= unixEpochTicks else { return nil }
    var seconds = time_t((filetime - unixEpochTicks) / 10_000_000)
    var parts = tm()
    guard gmtime_r(&seconds, &parts) != nil, parts.tm_year + 1900 <= 9999 else { return nil }
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
  }
}
