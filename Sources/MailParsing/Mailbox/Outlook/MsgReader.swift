/// Reads an Outlook `.msg` file: one message, its MAPI properties written as
/// a header block (``OutlookMessage/headerBlock()``).
///
/// The location is the file itself (`.single`), so a `.msg` file's
/// evidence hash covers the whole file, as an `.eml` file's does. An unsent
/// draft is labelled ``OutlookMessage/draftLabel`` so the Sent filter
/// counts it as not sent. An item that is never sent (a contact, a note, a
/// task; see ``OutlookItemClass``) is a `notAMessage` problem; a damaged
/// file a `damagedOutlookFile` problem at the byte where the damage is.
/// Attachments, embedded messages among them, are never read.
public struct MsgReader: MailboxSource {
  /// The `.msg` file.
  public let path: String
  /// The mailbox name reported in locations: the file itself.
  public var mailbox: String { path }

  /// Creates a reader; nothing is opened until ``forEachEvent(_:)``.
  public init(path: String) {
    self.path = path
  }

  /// What reading a `.msg` file's bytes gave.
  enum Outcome {
    case message(MsgFile)
    case notAMessage(String)
    case damaged(CompoundFileError)
  }

  /// Reads the Outlook item in `source`; `path` names it in problems.
  static func read<S: ByteSource>(_ source: S, path: String) -> Outcome {
    do throws(CompoundFileError) {
      let file = try CompoundFile(source)
      guard try MsgFile.isMessage(file) else {
        return .notAMessage("a Compound File without an Outlook message class (a Word or Excel file?)")
      }
      let item = try MsgFile(file, path: path)
      if let reason = OutlookItemClass.notAMessage(item.messageClass, hasRecipients: item.recipientRows > 0) {
        return .notAMessage(reason)
      }
      return .message(item)
    } catch {
      return .damaged(error)
    }
  }

  /// The events for one read: the item's problems, the transport-header
  /// cross-check and the message; or the one problem that stopped it.
  static func events(_ outcome: Outcome, path: String) -> [MailboxEvent] {
    switch outcome {
    case .damaged(let error):
      return [.problem(Problem(kind: .damagedOutlookFile, file: path, offset: error.offset, detail: error.description))]
    case .notAMessage(let reason):
      return [.problem(Problem(kind: .notAMessage, file: path, detail: reason))]
    case .message(let item):
      var events = item.problems.map(MailboxEvent.problem)
      if let mismatch = item.message.recipientMismatch(file: path) { events.append(.problem(mismatch)) }
      let location = MessageLocation(format: .single, mailbox: path, file: path)
      events.append(.message(RawMessage(location: location, header: item.message.headerBlock(), labels: item.message.labels)))
      return events
    }
  }

  /// Emits the file's message, or the problem that prevented it.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let outcome: Outcome
    do {
      outcome = try FileBytes.withFile(path) { Self.read($0, path: path) }
    } catch let failure as MailboxReadError {
      try body(.problem(MessageFileHeader.openFailure(path: path, call: failure.call, code: failure.code)))
      return
    }
    for event in Self.events(outcome, path: path) { try body(event) }
  }
}
