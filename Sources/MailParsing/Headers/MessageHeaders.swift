/// A message date, kept with the offset it was written in.
public struct MessageDate: Hashable, Sendable, Codable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var epochSeconds: Int64
  /// The writer's UTC offset in seconds (+09:00 is 32400).
  public var offsetSeconds: Int

  public init(epochSeconds: Int64, offsetSeconds: Int) {
    self.epochSeconds = epochSeconds
    self.offsetSeconds = offsetSeconds
  }
}

/// The header fields mailaudit needs from one message, parsed and decoded.
public struct MessageHeaders: Sendable {
  public var from: [Address] = []
  /// The Sender field (who actually sent, when not the author).
  public var sender: [Address] = []
  public var to: [Address] = []
  public var cc: [Address] = []
  public var bcc: [Address] = []
  /// Resent-From addresses (who resent the message).
  public var resentFrom: [Address] = []
  public var resentTo: [Address] = []
  public var resentCc: [Address] = []
  public var resentBcc: [Address] = []
  /// True when any `Resent-*` field was present.
  public var isResent = false
  public var date: MessageDate?
  /// Subject after RFC 2047 decoding.
  public var subject: String?
  /// Message-ID without angle brackets.
  public var messageID: String?
  /// In-Reply-To ids without angle brackets.
  public var inReplyTo: [String] = []
  /// References ids without angle brackets, oldest first.
  public var references: [String] = []
  /// Gmail labels from `X-Gmail-Labels` (Google Takeout mbox), as written.
  public var gmailLabels: [String] = []
  /// Names of groups in To/Cc/Resent-To/Resent-Cc, empty ones included
  /// (`undisclosed-recipients`).
  public var recipientGroups: [String] = []
  /// Header lines that were neither a field nor a continuation; skipped.
  public var malformedLineCount = 0
  /// Exchange X.500 legacy addresses (`/O=.../CN=RECIPIENTS/CN=...`) in To,
  /// Cc, Resent-To and Resent-Cc, as written: visible to every recipient,
  /// but classifiable only through a configured map.
  public var visibleX500: [String] = []
    /// Problems met while parsing (unreadable addresses, charset guesses, ...).
  public var problems: [Problem] = []

  public init() {}
}
