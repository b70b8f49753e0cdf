import Crypto
import MailParsing

/// Progress of a running scan, for a terminal display.
public struct ScanProgress: Sendable {
  public var messages: Int
  public var bytes: UInt64
  public var currentFile: String
}

/// What a scan did.
public struct ScanResult: Sendable {
  public var runId: Int64
  public var counts: ScanRunCounts
  /// True when the scan was asked to stop before it read everything.
  public var interrupted: Bool
}

/// Reads mailboxes into the index: sources in, messages and problems out,
/// committed in batches so an interrupted scan leaves a consistent index.
public struct ScanDriver: Sendable {
  public var index: AuditIndex
  public var catalog: DomainCatalog
  /// Messages per transaction.
  public var batchSize: Int

  public init(index: AuditIndex, catalog: DomainCatalog, batchSize: Int = 2000) {
    self.index = index
    self.catalog = catalog
    self.batchSize = batchSize
  }

  /// Scans every mailbox found at `paths`. `shouldStop` is asked between
  /// batches (SIGINT/SIGTERM); `progress` is called after each batch.
  public func scan(
    paths: [String], shouldStop: () -> Bool = { false }, progress: ((ScanProgress) -> Void)? = nil
  ) throws -> ScanResult {
    let runId = try index.beginRun(paths: paths)
    var counts = ScanRunCounts()
    var batch: [ScannedMessage] = []
    var problems: [Problem] = []
    var interrupted = false
    var currentFile = ""

    func flush() throws {
      let outcome = try index.store(batch, problems: problems, runId: runId)
      counts.add(outcome, messages: batch.count)
      batch.removeAll(keepingCapacity: true)
      problems.removeAll(keepingCapacity: true)
      progress?(ScanProgress(messages: counts.messagesSeen, bytes: counts.bytesRead, currentFile: currentFile))
    }

    do {
      outer: for path in paths {
        let discovered = MailboxDiscovery.sources(at: path)
        problems += discovered.problems
        for source in discovered.sources {
          currentFile = source.mailbox
          try source.forEachEvent { event in
            switch event {
            case .message(let raw):
              let (scanned, messageProblems) = Self.read(raw)
              batch.append(scanned)
              problems += messageProblems
              counts.bytesRead += raw.location.length ?? UInt64(raw.header.count)
            case .problem(let problem):
              problems.append(problem)
            }
            if batch.count >= batchSize {
              try flush()
              if shouldStop() { throw ScanStop() }
            }
          }
        }
      }
      try flush()
    } catch is ScanStop {
      interrupted = true
    } catch {
      try? index.finishRun(runId, status: "failed", counts: counts)
      throw error
    }
    try index.finishRun(runId, status: interrupted ? "interrupted" : "completed", counts: counts)
    return ScanResult(runId: runId, counts: counts, interrupted: interrupted)
  }

  /// Turns one raw header block into what the index stores, with the
  /// problems met on the way.
  static func read(_ raw: RawMessage) -> (ScannedMessage, [Problem]) {
    let headers = MessageHeaders(parsing: raw)
    let visible = VisibleRecipients(headers)
    let hash = SHA256.hash(data: raw.header).hexString
    let messageID = headers.messageID.flatMap { $0.isEmpty ? nil : $0 }
    let from = headers.from.first
    let message = SentMessage(
      key: messageID ?? "sha256:" + hash, messageID: messageID, date: headers.date,
      sender: from?.normalized, senderName: from?.displayName, subject: headers.subject,
      inReplyTo: headers.inReplyTo, references: headers.references, recipients: visible.recipients)
    var problems = headers.problems
    for entry in visible.unreadable {
      problems.append(
        Problem(kind: .badDomain, file: raw.location.file, offset: raw.location.offset, field: "to/cc", detail: entry))
    }
    let scanned = ScannedMessage(
      message: message, headerSHA256: hash, location: raw.location,
      bccCount: headers.bcc.count + headers.resentBcc.count)
    return (scanned, problems)
  }
}

/// Thrown inside a reader's callback to stop reading between batches.
struct ScanStop: Error {}

extension Sequence where Element == UInt8 {
  /// Lower-case hexadecimal.
  var hexString: String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in self {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
