/// Something in the input that mailaudit could not read as intended.
///
/// A problem never stops a scan: it is counted, stored in the index with its
/// location and shown in the reports. It carries a truncated copy of the
/// offending text so a person can find and judge it.
public struct Problem: Hashable, Sendable, Codable {
  /// What went wrong, as a stable identifier stored in the index.
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A file or folder could not be opened or read (permissions, I/O error).
    case unreadableFile
    /// A file listed at the start of a scan was gone when it was read.
    case vanishedFile
    /// A file that is not a mailbox or message (binary data, empty).
    case notAMessage
    /// A message with no header block, or whose header block never ends.
    case missingHeaderBlock
    /// An mbox whose last message ends mid-header.
    case truncatedMessage
    /// A compressed file (gzip) whose data is damaged or ends early; what
    /// came before the damage was read, at offsets of the uncompressed data.
    case corruptArchive
    /// A header block or a single field larger than the documented limit.
    case headerTooLarge
    /// An address-list entry that could not be read as an address.
    case unparseableAddress
    /// An Exchange X.500 legacy address that no mapping resolves.
    case x500Address
    /// An RFC 2047 encoded word that could not be decoded.
    case undecodableWord
    /// A charset label iconv does not know.
    case unknownCharset
    /// Bytes decoded in a charset other than the labelled or default one.
    case charsetGuess
    /// A Date header that could not be read.
    case badDate
    /// A domain that could not be converted to its ASCII (IDNA) form.
    case badDomain
    /// A region of a mailbox file that holds no readable message (a block
    /// of NUL bytes left by a crash, junk before the first `From ` line) and
    /// was skipped; the messages around it are read. The offset is the
    /// region's first byte, the detail gives its byte range.
    case damagedRegion
    /// A header block holding NUL or other control bytes; each was replaced
    /// by U+FFFD and the message read.
    case controlCharacter
    /// An mbox read in a way its own format does not say: lines ending in
    /// CR only, or a `Content-Length` that disagrees with the `From ` lines
    /// (which were followed).
    case irregularFraming
    /// An Outlook file (`.msg`) whose Compound File structure is damaged
    /// (a sector chain that loops or leaves the file, a broken directory);
    /// the offset is the byte where the damage was found. Nothing of the
    /// file is read as a message.
    case damagedOutlookFile
    /// An Outlook item whose stored transport headers
    /// (`PidTagTransportMessageHeaders`) name other To/Cc addresses than
    /// its recipient table. The recipient table is what Outlook sent to and
    /// is the one audited; the detail gives the addresses found in one only.
    case recipientMismatch
    /// Something about an Outlook store worth knowing that is not damage: a
    /// PST password (which encrypts nothing, so the store was read), a Sent
    /// Items folder found by its name because the store does not name it, or
    /// a store without one.
    case storeNotice
    /// An IMAP user's mailbox that could not be read at all (the sign-in
    /// refused, the connection lost): the file is the user's
    /// `imap://user@host` address, the detail says why. The other users of
    /// the scan are read.
    case mailboxUnavailable
    /// An IMAP user none of whose folders is marked `\Sent` (RFC 6154) or
    /// has a name mail programs give the Sent folder: nothing was read.
    case noSentFolder
  }

  public var kind: Kind
  /// The file the problem was found in (an mbox, a Maildir message file).
  public var file: String
  /// Byte offset of the message (mbox) or of the problem within the file.
  public var offset: UInt64?
  /// The header field concerned, lower-cased (`to`, `date`), if any.
  public var field: String?
  /// The offending text, truncated to ``Problem/maxDetailLength`` characters.
  public var detail: String

  /// Longest detail kept, so one broken 1 MB header does not bloat the index.
  public static let maxDetailLength = 200

  public init(kind: Kind, file: String, offset: UInt64? = nil, field: String? = nil, detail: String) {
    self.kind = kind
    self.file = file
    self.offset = offset
    self.field = field
    self.detail = detail.count > Self.maxDetailLength
      ? String(detail.prefix(Self.maxDetailLength)) + "…" : detail
  }

  /// `file@offset` or `file`, for messages to a person.
  public var locationDescription: String {
    if let offset { return "\(file)@\(offset)" }
    return file
  }
}
