/// Reads one Apple Mail message file: `.emlx`, or `.partial.emlx` when Mail
/// kept the attachments apart (in `.emlxpart` files, which are never read).
///
/// The file starts with a line holding the message's byte count; the
/// message follows, then an XML property list of Mail's flags, which is not
/// part of the message and is ignored. Only the header block is read.
public struct EmlxReader: MailboxSource {
  /// The `.emlx` file.
  public let path: String
  /// The Apple Mail `.mbox` folder the file was found in, if any: the
  /// mailbox a person looks for in Mail, named in the message's location.
  public let appleMailbox: String?
  /// The file itself, as for any one-message file, so per-file scan state
  /// stays per file; locations name ``appleMailbox`` when known.
  public var mailbox: String { path }

  /// Creates a reader; nothing is opened until ``forEachEvent(_:)``.
  public init(path: String, appleMailbox: String? = nil) {
    self.path = path
    self.appleMailbox = appleMailbox
  }

  /// Emits the file's message, located at its offset after the count line
  /// with the declared length, or the problem that prevented it.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let location = MessageLocation(format: .single, mailbox: appleMailbox ?? path, file: path)
    try MessageFileHeader.read(path: path, location: location, framing: .emlx, body)
  }
}
