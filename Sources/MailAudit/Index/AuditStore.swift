import Foundation
import MailParsing

/// Where the audit is kept: scan runs, messages with every location,
/// problems, and the findings and incidents the analysis derives from them.
///
/// The one seam between the auditor and its storage. The SQLite
/// ``AuditIndex`` implements it; a server database can implement it for
/// many scanners at once. Everything above it (scanning, the analysis,
/// reports, the command line) sees only this protocol: no SQL and no
/// database library types cross it.
///
/// Writes are transactional per call (a batch, a follow-up list, an
/// analysis session): a process killed between calls leaves a consistent
/// store that the next scan completes.
public protocol AuditStore: AnyObject, Sendable {
  /// Where the store lives, as the user named it (a path or a URL), for
  /// messages and summaries. Never holds a password.
  var location: String { get }

  // MARK: Scan runs

  /// Takes the store's scan lock: one scan at a time per store. Held until
  /// the returned lease is released; a killed process releases it.
  func lockForScan() throws -> ScanLease
  /// Waits until no other scanner reads `source` (a mailbox path or an
  /// `imap://` address), then holds it until the returned lease is released
  /// (or the process dies). A store that admits one scan at a time (see
  /// ``lockForScan()``) has nothing more to exclude.
  func lockSource(_ source: String) throws -> ScanLease
  /// Marks runs left `running` by a killed process as interrupted. Called
  /// while holding the scan lock.
  func closeAbandonedRuns() throws
  /// Records the start of a scan run and returns its id.
  func beginRun(paths: [String]) throws -> Int64
  /// Records how a run ended and its counts.
  func finishRun(_ runId: Int64, status: String, counts: ScanRunCounts) throws
  /// The id of the newest scan run, if any.
  func latestRunId() throws -> Int64?

  /// Stores a batch of messages and problems, together with how far the
  /// source has been read, all or nothing.
  func store(_ messages: [ScannedMessage], problems: [Problem], runId: Int64, progress: SourceState?) throws
    -> BatchOutcome
  /// Stores a batch as ``store(_:problems:runId:progress:)`` does, its
  /// messages handed over in parts: `nextPart` makes each in turn (nil
  /// after the last), and `problems` is asked once all are made. A store
  /// on a server writes one part while the next is being made (parsed), so
  /// neither side waits for the other; the batch is still one transaction.
  func store(
    parts nextPart: () throws -> [ScannedMessage]?, problems: () -> [Problem], runId: Int64, progress: SourceState?
  ) throws -> BatchOutcome
  /// True when a batch is better stored on another thread while the scan
  /// reads the next (see ``ScanRun/flush(state:overlapping:)``): a store
  /// on a server, whose work runs in another process, and the SQLite
  /// index, whose writing takes one core while reading and parsing take
  /// the others. False leaves every batch stored on the reading thread.
  var storesWhileReading: Bool { get }
  /// Does what can be done for a batch before its turn comes: the scan
  /// calls it while the batch before is still being stored. A store on a
  /// server encodes the batch for the wire, so the server is not left
  /// waiting for that once its turn comes.
  func prepare(_ messages: [ScannedMessage], runId: Int64) -> PreparedBatch
  /// Stores a prepared batch as ``store(_:problems:runId:progress:)`` does.
  func store(_ batch: PreparedBatch, problems: [Problem], runId: Int64, progress: SourceState?) throws -> BatchOutcome
  /// Records problems met outside any batch; returns how many were new.
  func record(_ problems: [Problem], runId: Int64) throws -> Int

  // MARK: What was read before (incremental scans)

  /// The stored state of a scanned file, if it was scanned before.
  func sourceState(path: String) throws -> SourceState?
  /// Records a file's state outside a batch.
  func save(_ state: SourceState, runId: Int64) throws
  /// Marks every location in a rewritten file gone until found again.
  func markLocationsGone(inFile file: String, runId: Int64) throws
  /// The Maildir locations known for `mailbox`: identity to current file.
  func knownLocations(inMailbox mailbox: String) throws -> [String: String]
  /// Renamed Maildir files get their current name; files no longer there
  /// are marked gone.
  func updateMaildirLocations(renamed: [(identity: String, file: String)], gone: [String], runId: Int64) throws
  /// The highest UID indexed in an IMAP folder under `uidValidity`.
  func imapHighestUID(account: String, folder: String, uidValidity: UInt32) throws -> UInt32?
  /// Records that every UID up to `highestUID` is indexed.
  func saveIMAPHighestUID(_ highestUID: UInt32, account: String, folder: String, uidValidity: UInt32, runId: Int64)
    throws
  /// Marks an IMAP folder's locations under other UIDVALIDITYs gone.
  func markIMAPLocationsGone(folderURL: String, keepingUIDValidity uidValidity: UInt32, runId: Int64) throws

  // MARK: The analysis

  /// Runs `body` in one write transaction over the analysis' tables: either
  /// all it wrote is kept or none.
  func withAnalysisSession<T>(_ body: (any AnalysisSession) throws -> T) throws -> T
  /// Registrable sender domains with message counts, personal-mail
  /// providers left out (what `mailaudit init` proposes as internal).
  func inferredInternalDomains(catalog: DomainCatalog) throws -> [String: Int]

  // MARK: Reading what was found

  /// Everything a report shows, read in one transaction.
  func report(newInRun: Int64?, zone: ReportTimeZone?) throws -> AuditReport
  /// Totals over the whole store.
  func totals() throws -> IndexTotals
  /// What scan run `runId` found first.
  func newInRun(_ runId: Int64) throws -> (findings: Int, incidents: Int, worst: Severity?)
  /// The incidents, largest first.
  func incidents(zone: ReportTimeZone?) throws -> [IncidentRow]
  /// Incident `id` sized from its findings and follow-ups; nil when unknown.
  func incidentDetail(id: String, zone: ReportTimeZone?) throws -> IncidentDetail?
  /// Every message and incident that exposed `address`.
  func lookup(address: String, zone: ReportTimeZone?) throws -> AddressLookup
  /// Records follow-ups, all or none, each with its trail row naming
  /// `actor` (who changed it, from where).
  func recordFollowUps(_ records: [FollowUpRecord], by actor: FollowUpActor) throws
  /// Every follow-up change of an incident, newest first.
  func followUpTrail(incidentID: String, zone: ReportTimeZone?) throws -> [FollowUpChange]
  /// The scan runs, newest first, with what each found.
  func scanRuns(zone: ReportTimeZone?) throws -> [ScanRunRow]
  // MARK: Whose mail

  /// Records `owner` as whose mail `mailbox` is (a later scan may correct it).
  func recordOwner(_ owner: String, mailbox: String, runId: Int64) throws
  /// The owners recorded, sorted.
  func owners() throws -> [String]
  /// Counts by owner and by sender domain; nil when no mailbox has an owner.
  func organisationTotals() throws -> OrganisationTotals?
  /// What belongs to `owner`: their mailboxes, messages and problems.
  func ownerScope(_ owner: String) throws -> OwnerScope

  /// The masking key of this store, made once when it was created.
  func addressMask() throws -> AddressMask
}

/// A batch of messages made ready for one store (see
/// ``AuditStore/prepare(_:runId:)``).
public struct PreparedBatch: Sendable {
  public let messages: [ScannedMessage]
  /// What the store that prepared it made of it, for that store alone.
  let encoded: (any Sendable)?

  init(_ messages: [ScannedMessage], encoded: (any Sendable)? = nil) {
    self.messages = messages
    self.encoded = encoded
  }
}

extension AuditStore {
  public var storesWhileReading: Bool { false }
  public func prepare(_ messages: [ScannedMessage], runId: Int64) -> PreparedBatch { PreparedBatch(messages) }
  public func store(_ batch: PreparedBatch, problems: [Problem], runId: Int64, progress: SourceState?) throws
    -> BatchOutcome
  {
    try store(batch.messages, problems: problems, runId: runId, progress: progress)
  }
  /// One scan at a time already keeps two scanners off one source.
  public func lockSource(_ source: String) throws -> ScanLease { InProcessLease() }
  public func report() throws -> AuditReport { try report(newInRun: nil, zone: nil) }
  public func report(newInRun: Int64?) throws -> AuditReport { try report(newInRun: newInRun, zone: nil) }
  public func report(zone: ReportTimeZone?) throws -> AuditReport { try report(newInRun: nil, zone: zone) }
  public func incidents() throws -> [IncidentRow] { try incidents(zone: nil) }
  public func incidentDetail(id: String) throws -> IncidentDetail? { try incidentDetail(id: id, zone: nil) }
  public func lookup(address: String) throws -> AddressLookup { try lookup(address: address, zone: nil) }
  /// Records follow-ups as the user running this process, from the CLI.
  public func recordFollowUps(_ records: [FollowUpRecord]) throws {
    try recordFollowUps(records, by: .processOwner(source: .cli))
  }
  public func followUpTrail(incidentID: String) throws -> [FollowUpChange] {
    try followUpTrail(incidentID: incidentID, zone: nil)
  }
  public func scanRuns() throws -> [ScanRunRow] { try scanRuns(zone: nil) }
  public func store(_ messages: [ScannedMessage], problems: [Problem], runId: Int64) throws -> BatchOutcome {
    try store(messages, problems: problems, runId: runId, progress: nil)
  }
  /// In process, writing costs the same CPU whenever it happens: the parts
  /// are gathered and stored as one batch.
  public func store(
    parts nextPart: () throws -> [ScannedMessage]?, problems: () -> [Problem], runId: Int64, progress: SourceState?
  ) throws -> BatchOutcome {
    var messages: [ScannedMessage] = []
    while let part = try nextPart() { messages += part }
    return try store(messages, problems: problems(), runId: runId, progress: progress)
  }
}

/// A held scan lock; released when the lease is released.
public protocol ScanLease: AnyObject {}

/// The analysis' view of the store inside one transaction: the messages to
/// read, and the findings, incidents and state it writes. Row ids are the
/// store's message ids, which only grow: a message added later has a higher
/// id, which is what makes incremental analysis possible.
public protocol AnalysisSession {
  /// The state the last analysis left, if any.
  func state() throws -> StoredAnalysisState?
  /// The highest message row id, with every message at or below it stored
  /// for good: a store that several scanners write waits for batches still
  /// storing, whose ids may lie below a committed one's.
  func messageHighWater() throws -> Int64
  /// Sender domains (as stored) of messages with `after < row id <= through`,
  /// with their message counts.
  func senderDomainCounts(after: Int64, through: Int64) throws -> [String: Int]
  /// Messages with `after < row id <= through` and at least
  /// `minimumVisible` visible recipients, in row id order, as stored: the
  /// analysis decodes them on its own thread.
  func forEachMessage(
    after: Int64, through: Int64, minimumVisible: Int, _ body: (_ rowId: Int64, StoredMessage) throws -> Void
  ) throws

  /// Deletes every finding, exposure, exposed address, suppression and
  /// incident (first-seen records and follow-ups stay: they are history).
  func clearFindings() throws
  /// Records that the message at `rowId` matched an allowed group.
  func insertSuppression(rowId: Int64, group: String) throws
  /// Stores a finding with its exposures and its grouping links (see
  /// ``StoreAnalysis/groupingLinks(of:)``), in incident `incidentId` until
  /// ``insertIncident(_:rows:)`` names another (empty: none yet).
  ///
  /// `addressRows`, in a full analysis (else empty): each exposure's
  /// address as numbered 1, 2, ... in the order addresses are first
  /// exposed, which the analysis' grouping has already done. A store
  /// whose address rows are numbered that way (SQLite's, emptied by
  /// ``clearFindings()``) uses them as the rows' ids instead of looking
  /// every address up again; one that numbers rows itself ignores them.
  func insertFinding(
    rowId: Int64, _ finding: ExposureFinding, incidentId: String, links: [Int64], addressRows: [Int64]) throws
  /// Records that the findings of `messageKeys` were first seen in `runId`
  /// (with a run); returns how many were never seen before. One call for
  /// many findings, so a server store pays one round trip, not one each.
  func noteFindingsSeen(messageKeys: [String], runId: Int64?) throws -> Int
  /// Records that incidents `ids` were first seen in `runId`; returns how
  /// many are new.
  func noteIncidentsSeen(ids: [String], runId: Int64?) throws -> Int
  /// Says that a full analysis has written every finding, exposure, link
  /// and address; its incidents come next. A store that set work aside
  /// for those bulk writes does it now, while the analysis groups the
  /// incidents on another thread (SQLite builds the indexes
  /// ``clearFindings()`` dropped). What is not done here, the session's
  /// end does: calling it is never needed for a correct index.
  func finishBulkWrites() throws

  /// Findings holding any of `links`, by row id.
  func findingRows(withAnyLink links: Set<Int64>) throws -> Set<Int64>
  /// The grouping links of the findings at `rows`.
  func links(ofFindings rows: Set<Int64>) throws -> Set<Int64>
  /// The findings at `rows` with the message facts grouping needs, in row
  /// id order. Display names and recipient lists are left out.
  func storedFindings(rows: Set<Int64>) throws -> [StoredFinding]
  /// The incidents the findings at `rows` belong to.
  func incidentIDs(ofFindings rows: Set<Int64>) throws -> Set<String>
  /// Deletes incidents (their findings stay, to be regrouped).
  func deleteIncidents(_ ids: Set<String>) throws
  /// Stores an incident and points the findings at `rows` at it.
  func insertIncident(_ incident: Incident, rows: [Int64]) throws

  /// Counts after the analysis: findings, incidents, suppressed by group.
  func findingCounts() throws -> (findings: Int, incidents: Int, suppressed: [String: Int])
  /// Saves the state this analysis leaves.
  func saveState(_ state: StoredAnalysisState, runId: Int64?) throws
}

/// What the last analysis depended on and concluded, kept to decide whether
/// the next one can read only what is new.
public struct StoredAnalysisState: Sendable, Equatable {
  public var internalDomains: InternalDomainSet
  public var suffixListSource: String
  /// A digest of the policy and the domain catalogue.
  public var inputsDigest: String
  /// The highest message row id analysed.
  public var messageHighWater: Int64

  public init(internalDomains: InternalDomainSet, suffixListSource: String, inputsDigest: String, messageHighWater: Int64) {
    self.internalDomains = internalDomains
    self.suffixListSource = suffixListSource
    self.inputsDigest = inputsDigest
    self.messageHighWater = messageHighWater
  }
}
