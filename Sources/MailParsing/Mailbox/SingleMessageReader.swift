/// Reads a file that holds exactly one message (an `.eml`, or any file
/// discovery found to hold one message, whatever its name), header only.
public struct SingleMessageReader: MailboxSource {
  /// The message file.
  public let path: String
  /// The mailbox name reported in locations: the file itself.
  public var mailbox: String { path }
  /// How the file is stored; a gzipped message is decompressed as it is read.
  public let compression: MailboxCompression

  /// Creates a reader; nothing is opened until ``forEachEvent(_:)``.
  public init(path: String, compression: MailboxCompression = .none) {
    self.path = path
    self.compression = compression
  }

  /// Emits the file's one message, or the problem that prevented it.
  ///
  /// For a gzipped file, problem offsets count uncompressed bytes.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let location = MessageLocation(format: .single, mailbox: path, file: path)
    try MessageFileHeader.read(path: path, location: location, compression: compression, body)
  }
}
