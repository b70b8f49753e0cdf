/// Reads a file that holds exactly one message (an `.eml`), header only.
public struct SingleMessageReader: MailboxSource {
  /// The message file.
  public let path: String
  /// The mailbox name reported in locations: the file itself.
  public var mailbox: String { path }

  /// Creates a reader; nothing is opened until ``forEachEvent(_:)``.
  public init(path: String) {
    self.path = path
  }

  /// Emits the file's one message, or the problem that prevented it.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let location = MessageLocation(format: .single, mailbox: path, file: path)
    try MessageFileHeader.read(path: path, location: location, body)
  }
}
