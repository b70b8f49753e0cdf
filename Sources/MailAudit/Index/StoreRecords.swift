import Foundation
import MailParsing

// The vocabulary of the AuditStore seam for scanning: what a scan hands a
// store and what it gets back. Any store implements them the same way.

/// One message as the scan hands it to the index.
public struct ScannedMessage: Sendable {
  public var message: SentMessage
  public var headerSHA256: String
  public var location: MessageLocation
  public var bccCount: Int
  /// Gmail Takeout labels (`X-Gmail-Labels`), kept as evidence.
  public var labels: [String]?

  public init(message: SentMessage, headerSHA256: String, location: MessageLocation, bccCount: Int, labels: [String]? = nil) {
    self.message = message
    self.headerSHA256 = headerSHA256
    self.location = location
    self.bccCount = bccCount
    self.labels = labels
  }
}

/// What storing a batch changed.
public struct BatchOutcome: Sendable, Equatable {
  public var newMessages = 0
  /// New locations of messages already known from elsewhere.
  public var duplicates = 0
  /// Locations indexed by an earlier run.
  public var alreadyIndexed = 0
  /// Problems not met before.
  public var newProblems = 0
  public init() {}

  /// Counts a stored message: new, a copy of one known from elsewhere (its
  /// location `placed`), or already indexed at that location. Returns true
  /// for the last, whose location row the store then refreshes (its file
  /// name, which Maildir flags change, and that it is no longer gone).
  mutating func count(isNew: Bool, placed: Bool) -> Bool {
    if isNew {
      newMessages += 1
    } else if placed {
      duplicates += 1
    } else {
      alreadyIndexed += 1
      return true
    }
    return false
  }
}

/// The counts a scan run records.
public struct ScanRunCounts: Sendable, Equatable, Codable {
  public var messagesSeen = 0
  public var newMessages = 0
  public var duplicates = 0
  public var alreadyIndexed = 0
  public var bytesRead: UInt64 = 0
  public var problems = 0
  /// Gmail Takeout messages left out because they lack the Sent label.
  public var notSent = 0
  public init() {}

  mutating func add(_ batch: BatchOutcome, messages: Int) {
    messagesSeen += messages
    newMessages += batch.newMessages
    duplicates += batch.duplicates
    alreadyIndexed += batch.alreadyIndexed
    problems += batch.newProblems
  }
}

/// What a scanned file looked like and how far it has been read.
public struct SourceState: Sendable, Equatable {
  public var path: String
  public var device: UInt64
  public var inode: UInt64
  public var size: UInt64
  public var mtime: Double
  /// SHA-256 of the file's first bytes (see ``FileSnapshot``).
  public var fingerprint: String
  /// Where the next read starts: the end of the last stored message.
  public var resumeOffset: UInt64
  /// True when the file was read to its end (as it was when the scan began).
  public var complete: Bool
}

/// A message as a store reads it back for the analysis: its columns as
/// stored. ``decodedForAnalysis()`` splits the recipients and thread ids
/// into a ``SentMessage`` on whichever thread analyses it, not on the
/// thread that holds the store (see ``AnalysisPipeline``).
public struct StoredMessage: Sendable {
  public var key: String
  public var messageID: String?
  public var dateEpoch: Int64?
  public var dateOffset: Int?
  public var sender: String?
  public var senderName: String?
  public var subject: String?
  /// Message ids separated by spaces.
  public var inReplyTo: String
  public var references: String
  /// ``RecipientsColumn``'s encoding.
  public var recipients: String

  public init(
    key: String, messageID: String?, dateEpoch: Int64?, dateOffset: Int?, sender: String?, senderName: String?,
    subject: String?, inReplyTo: String, references: String, recipients: String
  ) {
    self.key = key
    self.messageID = messageID
    self.dateEpoch = dateEpoch
    self.dateOffset = dateOffset
    self.sender = sender
    self.senderName = senderName
    self.subject = subject
    self.inReplyTo = inReplyTo
    self.references = references
    self.recipients = recipients
  }

  /// The message the analysis reads: its recipients without their display
  /// names. No finding stores a name (a report reads it from the stored
  /// recipients), and making a `String` of each name was most of the
  /// decoding, on the thread the rest of the analysis waits for (75 of 104
  /// `perf` samples on the exposure-heavy benchmark).
  func decodedForAnalysis() -> SentMessage {
    SentMessage(
      key: key, messageID: messageID,
      date: dateEpoch.map { MessageDate(epochSeconds: $0, offsetSeconds: dateOffset ?? 0) },
      sender: sender, senderName: senderName, subject: subject,
      inReplyTo: Self.ids(inReplyTo), references: Self.ids(references),
      recipients: RecipientsColumn.decode(recipients, names: false))
  }

  /// Space-separated ids, split on the space's byte.
  static func ids(_ text: String) -> [String] {
    text.utf8.split(separator: 0x20).map { String(Substring($0)) }
  }
}

/// A stored finding with its message, as an incremental analysis reads it
/// back to regroup it (``AnalysisSession/storedFindings(rows:)``).
public struct StoredFinding: Sendable {
  public var rowId: Int64
  public var message: SentMessage
  public var finding: ExposureFinding

  public init(rowId: Int64, message: SentMessage, finding: ExposureFinding) {
    self.rowId = rowId
    self.message = message
    self.finding = finding
  }
}
