import Foundation

/// Where one message sits, precisely enough to find it again by hand.
public struct MessageLocation: Hashable, Sendable, Codable {
  /// How the message is stored.
  public enum Format: String, Hashable, Sendable, Codable {
    /// One of many messages in an mbox file, at ``MessageLocation/offset``.
    case mbox
    /// One file of a Maildir (``MessageLocation/file`` is the full path).
    case maildir
    /// A file that holds exactly one message (`.eml`, Apple Mail `.emlx`,
    /// either gzipped).
    case single
    /// A message in an IMAP folder: ``MessageLocation/mailbox`` is the
    /// folder's URL, ``MessageLocation/file`` the message's RFC 5092 URL
    /// (`imap://user@host/Sent;UIDVALIDITY=7/;UID=42`) and
    /// ``MessageLocation/offset`` its UID.
    case imap
    /// A message of an Outlook `.pst`/`.ost` store: ``MessageLocation/mailbox``
    /// and ``MessageLocation/file`` are the store's path,
    /// ``MessageLocation/offset`` the message's node ID (NID), which stays
    /// the same while the message stays in the store, and
    /// ``MessageLocation/folder`` the folder's path in the store.
    case pst
  }

  public var format: Format
  /// The mailbox the user named or that was found while walking a folder:
  /// the mbox file or the Maildir folder.
  public var mailbox: String
  /// The file that holds the message's bytes.
  public var file: String
  /// Byte offset of the message's first byte (the `From ` line in an mbox,
  /// the line after the byte count in an `.emlx`). In a gzip-compressed file
  /// it counts bytes of the uncompressed data; ``file`` stays the `.gz` file.
  public var offset: UInt64
  /// Bytes the message occupies in the file, separator line included, if known.
  public var length: UInt64?
  /// For a ``Format/pst`` message, the path of its folder inside the store
  /// (`Top of Personal Folders/Sent Items`); nil otherwise, and nil for a
  /// location rebuilt from the index (the NID alone finds the message).
  public var folder: String?

  public init(
    format: Format, mailbox: String, file: String, offset: UInt64 = 0, length: UInt64? = nil, folder: String? = nil
  ) {
    self.format = format
    self.mailbox = mailbox
    self.file = file
    self.offset = offset
    self.length = length
    self.folder = folder
  }

  /// What stays the same while a message stays where it is: `file@offset`
  /// in an mbox; for Maildir the folder and the file name's unique part, so
  /// a flag change (`:2,S` to `:2,RS`) or a move from new/ to cur/ is the
  /// same message, not a new one.
  public var identity: String {
    switch format {
    case .mbox: return "\(file)@\(offset)"
    case .single, .imap: return file
    case .pst: return pstDescription
    case .maildir:
      if let unique = Self.asciiMaildirUniquePart(ofPath: file) { return mailbox + "/" + unique }
      let name = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
      return mailbox + "/" + Self.maildirUniquePart(of: name)
    }
  }

  /// ``maildirUniquePart(of:)`` of the last component of an ASCII `path`,
  /// found on bytes; nil for a path with other bytes. It is asked for every
  /// Maildir file of a scan, and in ASCII a byte is a Character, so the
  /// split and the searches below are those of the general path.
  static func asciiMaildirUniquePart(ofPath path: String) -> String? {
    path.utf8.withContiguousStorageIfAvailable { bytes -> String? in
      guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
      let nameStart = (bytes.lastIndex(of: Ascii.slash) ?? -1) + 1
      let name = UnsafeBufferPointer(rebasing: bytes[nameStart...])
      var end = name.count
      if let separator = lastInfoSeparator(in: name) {
        end = separator
      } else if let colon = name.firstIndex(of: Ascii.colon) {
        end = colon
      }
      return String(decoding: UnsafeBufferPointer(rebasing: name[0..<end]), as: UTF8.self)
    } ?? nil
  }

  /// Where the last `:2,` starts in `name`, else the last `!2,`, `:1,`,
  /// `!1,`, in that order of preference.
  private static func lastInfoSeparator(in name: UnsafeBufferPointer<UInt8>) -> Int? {
    let comma: UInt8 = 0x2C, bang: UInt8 = 0x21, two: UInt8 = 0x32, one: UInt8 = 0x31
    for (mark, version) in [(Ascii.colon, two), (bang, two), (Ascii.colon, one), (bang, one)] {
      var index = name.count - 3
      while index >= 0 {
        if name[index] == mark, name[index + 1] == version, name[index + 2] == comma { return index }
        index -= 1
      }
    }
    return nil
  }

  /// A Maildir file name without its info suffix (`:2,FLAGS`, or `!2,FLAGS`
  /// where `:` is not allowed in file names).
  public static func maildirUniquePart(of name: String) -> String {
    for separator in [":2,", "!2,", ":1,", "!1,"] {
      if let range = name.range(of: separator, options: .backwards) { return String(name[..<range.lowerBound]) }
    }
    if let colon = name.firstIndex(of: ":") { return String(name[..<colon]) }
    return name
  }

  /// `Sent.mbox@1234` for an mbox, `cur/1700000000.x:2,S` for Maildir, the
  /// path for a single file.
  public var description: String {
    switch format {
    case .mbox: return "\(file)@\(offset)"
    case .maildir:
      if file.hasPrefix(mailbox + "/") { return String(file.dropFirst(mailbox.count + 1)) }
      return file
    case .single, .imap: return file
    case .pst: return pstDescription
    }
  }

  /// `store.pst#Top of Personal Folders/Sent Items/2097220`: the store, the
  /// folder and the message's NID (in decimal, as ``offset`` holds it).
  private var pstDescription: String {
    if let folder, !folder.isEmpty { return "\(file)#\(folder)/\(offset)" }
    return "\(file)#\(offset)"
  }

  /// The location of the message with `uid` in the IMAP folder at
  /// `folderURL` while the folder's UIDVALIDITY is `uidValidity`: a UID
  /// names a message only together with its UIDVALIDITY (RFC 3501 2.3.1.1).
  public static func imap(folderURL: String, uidValidity: UInt32, uid: UInt32, size: UInt64? = nil) -> MessageLocation {
    MessageLocation(
      format: .imap, mailbox: folderURL, file: "\(folderURL);UIDVALIDITY=\(uidValidity)/;UID=\(uid)",
      offset: UInt64(uid), length: size)
  }
}

/// The raw header block of one message, with its location. Bodies are never
/// copied: a reader stops at the blank line that ends the header block.
public struct RawMessage: Sendable {
  public var location: MessageLocation
  /// The header block's bytes, up to but excluding the blank line.
  public var header: [UInt8]
  /// True when the header block hit the size limit and was cut.
  public var headerTruncated: Bool
  /// Gmail labels of a message exported by Google Takeout (its
  /// `X-Gmail-Labels` field, split by ``TakeoutLabels/parse(_:)``); nil when
  /// the message has no such field.
  public var labels: [String]?

  public init(
    location: MessageLocation, header: [UInt8], headerTruncated: Bool = false, labels: [String]? = nil
  ) {
    self.location = location
    self.header = header
    self.headerTruncated = headerTruncated
    self.labels = labels
  }
}

/// What a mailbox reader hands on: a message, or a problem met on the way.
public enum MailboxEvent: Sendable {
  case message(RawMessage)
  case problem(Problem)
}

/// A reader for one mailbox format. Nothing downstream knows the format.
///
/// Readers open files read-only and never lock, rename or write anything.
public protocol MailboxSource: Sendable {
  /// The path the user named or that discovery found.
  var mailbox: String { get }
  /// Streams every message in order, and problems as they are met. Throws
  /// only when the mailbox cannot be read at all, or when `body` throws
  /// (which stops the reading).
  func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws
}
