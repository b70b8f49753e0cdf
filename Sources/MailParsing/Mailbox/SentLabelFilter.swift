/// A source that passes on only the Sent messages of a Google Takeout
/// export, whose mbox holds every message of the account.
///
/// A message without labels (``RawMessage/labels`` nil: any mailbox that is
/// not a Takeout export) always passes, so every source can be wrapped.
/// Problems always pass. A message left out is not an event, since not
/// auditing received mail is the point; ``forEachEvent(_:skipped:)`` lets a
/// caller count them.
public struct SentLabelFilter: MailboxSource {
  /// Which labelled messages pass.
  public enum Selection: String, Hashable, Sendable {
    /// Only messages carrying the Sent label (``TakeoutLabels/isSent(_:)``).
    case sentOnly
    /// Every message, labels kept: audits Inbox and the rest too.
    case all
  }

  /// The wrapped source.
  public let source: any MailboxSource
  /// Which labelled messages pass.
  public let selection: Selection
  /// The wrapped source's mailbox.
  public var mailbox: String { source.mailbox }

  /// Wraps `source`; by default only Sent messages of a Takeout export pass.
  public init(_ source: any MailboxSource, selection: Selection = .sentOnly) {
    self.source = source
    self.selection = selection
  }

  /// True when `message` passes the filter.
  public func admits(_ message: RawMessage) -> Bool { Self.admits(message, selection: selection) }

  /// True when `message` passes under `selection`: unlabelled mail always
  /// does; labelled mail, under `.sentOnly`, only with the Sent label.
  public static func admits(_ message: RawMessage, selection: Selection) -> Bool {
    guard selection == .sentOnly, let labels = message.labels else { return true }
    return TakeoutLabels.isSent(labels)
  }

  /// Streams the wrapped source's events, without the messages left out.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    try forEachEvent(body, skipped: { _ in })
  }

  /// Streams the wrapped source's events and hands each message left out
  /// to `skipped` instead.
  public func forEachEvent(
    _ body: (MailboxEvent) throws -> Void, skipped: (RawMessage) throws -> Void
  ) throws {
    try source.forEachEvent { event in
      if case .message(let message) = event, !admits(message) {
        try skipped(message)
        return
      }
      try body(event)
    }
  }
}
