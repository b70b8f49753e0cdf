import Glibc

/// The bytes of one message as it is stored, whatever holds it: what an
/// evidence hash covers and what an evidence copy holds.
///
/// The definition, the same for every container, so a message hashes the
/// same wherever its bytes are the same:
/// - **mbox** (plain or gzipped): the bytes after the `From ` line up to the
///   next `From ` line, less the one empty line the mbox format puts before
///   it (or, for the last message, at the end of the file). A gzipped mbox
///   is read back through the decompressor, so its messages hash as in the
///   plain file. `>From ` quoting is left as stored: mboxo and mboxrd
///   cannot be told apart from the file.
/// - **Maildir** and single-message files (`.eml` and the like, and Outlook
///   `.msg` files): the whole file, decompressed when it is gzipped
///   (Dovecot's compression plugin).
/// - **Apple Mail `.emlx`**: the message bytes only, the count the file's
///   first line declares; the count line and Mail's property list after
///   the message are not the message's.
///
/// - **Outlook `.pst`/`.ost`** (``MessageLocation/Format/pst``, the offset
///   is the message's NID): the message node's data blocks, decoded (the
///   store's compressible or high encryption removed), in data-tree order;
///   then each of its subnodes (recipient table, attachments, large
///   property values) in ascending subnode NID order, each its data blocks
///   then its own subnodes the same way, depth first
///   (``NodeDatabase/forEachStoredBlock(ofNode:_:)``). So a message hashes
///   the same in a store re-encoded with another cipher, and changes when
///   any of its properties, recipients or attachments change.
///
/// IMAP messages are not files; their bytes are the server's `BODY[]`
/// (`MailIMAP`). Files are opened read-only and never locked.
public enum MessageBytes {
  /// Why a message's bytes could not be read.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// The file (or, in a Maildir, every file of that name) is gone.
    case gone(path: String)
    /// The file could not be opened or read.
    case unreadable(path: String, detail: String)
    /// The file ends before the message's recorded end.
    case endsEarly(path: String, missing: UInt64)
    /// The location does not say enough to find the bytes (an mbox entry
    /// without a length, an IMAP message).
    case notAFileLocation(String)

    public var description: String {
      switch self {
      case .gone(let path): return "\(path): the file is gone"
      case .unreadable(let path, let detail): return "\(path): \(detail)"
      case .endsEarly(let path, let missing): return "\(path): the file ends \(missing) bytes early"
      case .notAFileLocation(let reason): return reason
      }
    }
  }

  /// The file that holds the message now: the location's file, or for a
  /// Maildir message that moved (new/ to cur/, flags changed) the file with
  /// the same unique name.
  public static func currentFile(of location: MessageLocation) -> String? {
    if access(location.file, F_OK) == 0 { return location.file }
    guard location.format == .maildir else { return nil }
    let name = location.file.split(separator: "/").last.map(String.init) ?? location.file
    let unique = MessageLocation.maildirUniquePart(of: name)
    for folder in MaildirReader.messageFolders {
      let path = location.mailbox + "/" + folder
      guard case .success(let names) = DirectoryListing.names(at: path) else { continue }
      if let found = names.sorted().first(where: { MessageLocation.maildirUniquePart(of: $0) == unique }) {
        return path + "/" + found
      }
    }
    return nil
  }

  /// Streams the message's bytes at `location` to `body`, in order.
  ///
  /// - Returns: the path read (a moved Maildir file's new name).
  @discardableResult
  public static func read(
    _ location: MessageLocation, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> String {
    guard location.format != .imap else { throw Failure.notAFileLocation("an IMAP message is read from its server") }
    guard let path = currentFile(of: location) else { throw Failure.gone(path: location.file) }
    if location.format == .pst {
      try pstMessage(path: path, nid: location.offset, body)
      return path
    }
    let compression = isGzip(path) ? MailboxCompression.gzip : .none
    var stream: MailFileStream
    switch MailFileStream.open(path: path, compression: compression) {
    case .success(let opened): stream = opened
    case .failure(let failure):
      if failure.code == ENOENT { throw Failure.gone(path: path) }
      throw Failure.unreadable(path: path, detail: failure.description)
    }
    defer { stream.close() }
    switch location.format {
    case .mbox:
      guard let length = location.length, length > 0 else {
        throw Failure.notAFileLocation("\(path)@\(location.offset): the message's length was not recorded")
      }
      try seek(&stream, to: location.offset, path: path)
      try mboxEntry(&stream, length: length, path: path, body)
    case .single where location.length != nil:
      // An .emlx: the message sits at its offset with its declared length.
      try seek(&stream, to: location.offset, path: path)
      try copy(&stream, length: location.length, path: path, body)
    default:
      try copy(&stream, length: nil, path: path, body)
    }
    return path
  }

  /// The stored blocks of the message with NID `nid` in the store at `path`.
  private static func pstMessage(path: String, nid: UInt64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard let nid = UInt32(exactly: nid) else { throw Failure.notAFileLocation("\(path)#\(nid): not a node ID") }
    do {
      let database = try NodeDatabase(source: PSTFileSource(path: path))
      try database.forEachStoredBlock(ofNode: nid) { block in try block.withUnsafeBytes { try body($0) } }
    } catch let error as PSTError {
      if case .io(_, let code) = error, code == ENOENT { throw Failure.gone(path: path) }
      throw Failure.unreadable(path: path, detail: "message \(nid): \(error)")
    }
  }

  /// True when the file starts with gzip's magic bytes.
  static func isGzip(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var magic: [UInt8] = [0, 0]
    let count = magic.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 2) }
    return count == 2 && magic == MailFileStream.gzipMagic
  }

  private static func seek(_ stream: inout MailFileStream, to offset: UInt64, path: String) throws {
    guard offset > 0 else { return }
    if case .failure(let failure) = stream.seek(to: offset) {
      throw Failure.unreadable(path: path, detail: failure.description)
    }
  }

  /// Reads `length` bytes (or to the end) into `body`.
  private static func copy(
    _ stream: inout MailFileStream, length: UInt64?, path: String, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var remaining = length
    while remaining.map({ $0 > 0 }) ?? true {
      let want = Int(min(remaining ?? UInt64(buffer.count), UInt64(buffer.count)))
      let count = try read(&stream, into: &buffer, count: want, path: path)
      if count == 0 { break }
      try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
      remaining = remaining.map { $0 - UInt64(count) }
    }
    if let remaining, remaining > 0 { throw Failure.endsEarly(path: path, missing: remaining) }
  }

  /// An mbox entry of `length` bytes: the `From ` line is dropped, and the
  /// empty line that ends the entry. The last bytes are held back until
  /// the end is known.
  private static func mboxEntry(
    _ stream: inout MailFileStream, length: UInt64, path: String, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var remaining = length
    var inFromLine = true
    // Up to four bytes held back: the longest entry end (CRLF CRLF).
    var held: [UInt8] = []
    while remaining > 0 {
      let count = try read(&stream, into: &buffer, count: Int(min(remaining, UInt64(buffer.count))), path: path)
      if count == 0 { break }
      remaining -= UInt64(count)
      var start = 0
      if inFromLine {
        guard let lf = buffer[0..<count].firstIndex(of: ByteCode.lf) else { continue }
        inFromLine = false
        start = lf + 1
      }
      held += buffer[start..<count]
      if held.count > 4 {
        let release = held.count - 4
        try held.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<release])) }
        held.removeFirst(release)
      }
    }
    if remaining > 0 { throw Failure.endsEarly(path: path, missing: remaining) }
    held.removeLast(entryEndLength(held))
    try held.withUnsafeBytes { try body($0) }
  }

  /// How many of the last bytes of an entry are the empty line that ends
  /// it: a line end that follows another (LF LF, CRLF CRLF, CR CR).
  static func entryEndLength(_ tail: [UInt8]) -> Int {
    let lf = ByteCode.lf, cr = ByteCode.cr
    if tail.count >= 4, Array(tail.suffix(4)) == [cr, lf, cr, lf] { return 2 }
    if tail.count >= 2, Array(tail.suffix(2)) == [lf, lf] { return 1 }
    if tail.count >= 2, Array(tail.suffix(2)) == [cr, cr] { return 1 }
    return 0
  }

  private static func read(
    _ stream: inout MailFileStream, into buffer: inout [UInt8], count: Int, path: String
  ) throws -> Int {
    let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, MailFileStream.Failure> in
      stream.read(into: raw.baseAddress!, count: count)
    }
    switch result {
    case .success(let got): return got
    case .failure(let failure): throw Failure.unreadable(path: path, detail: failure.detail)
    }
  }
}
