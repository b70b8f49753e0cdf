import Crypto
#if canImport(Glibc)
  import Glibc
#endif
import Dispatch
import Foundation
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
  /// Files met in the folders named and knowingly not read (mail programs'
  /// index and state files, files that are not mail): counted, not problems.
  public var skipped: [SkippedFile] = []

  /// How many files were skipped, by kind.
  public var skippedByKind: [String: Int] {
    skipped.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
  }
}

/// Reads mailboxes into the index: sources in, messages and problems out,
/// committed in batches so an interrupted scan leaves a consistent index.
public struct ScanDriver: Sendable {
  public var index: any AuditStore
  public var catalog: DomainCatalog
  /// Messages per transaction.
  public var batchSize: Int
  /// In a Gmail Takeout export, which labelled messages are audited (by
  /// default only those with the Sent label; unlabelled mail always is).
  public var labels: SentLabelFilter.Selection
  /// How `imap://` paths are reached (see IMAPScan.swift).
  public var imap = IMAPScanSettings()
  /// Which folders of an Outlook `.pst`/`.ost` are read (Sent Items unless
  /// `--all-folders`).
  public var outlookFolders = PSTReader.FolderSelection.sentItems
  /// Whose mail each mailbox is (see MailboxOwners.swift).
  public var owners = MailboxOwners()

  public init(
    index: any AuditStore, catalog: DomainCatalog, batchSize: Int = 2000, labels: SentLabelFilter.Selection = .sentOnly
  ) {
    self.index = index
    self.catalog = catalog
    self.batchSize = batchSize
    self.labels = labels
  }

  /// Scans every mailbox found at `paths`, reading only what is new since
  /// the last scan. `shouldStop` is asked between batches (SIGINT/SIGTERM);
  /// `progress` is called after each batch.
  public func scan(
    paths: [String], shouldStop: @escaping () -> Bool = { false }, progress: ((ScanProgress) -> Void)? = nil
  ) throws -> ScanResult {
    let lease = try index.lockForScan()
    defer { withExtendedLifetime(lease) {} }
    try index.closeAbandonedRuns()
    let runId = try index.beginRun(paths: paths)
    var run = ScanRun(driver: self, runId: runId, shouldStop: shouldStop, progress: progress)
    var skipped: [SkippedFile] = []
    do {
      for path in paths {
        let discovered = try imap.sources(at: path, outlookFolders: outlookFolders)
        run.problems += discovered.problems
        skipped += discovered.skipped
        for source in discovered.sources {
          try run.read(source)
        }
      }
      try run.flush()
    } catch is ScanStop {
      run.interrupted = true
    } catch {
      run.countStored()
      try? index.finishRun(runId, status: "failed", counts: run.counts)
      throw error
    }
    do {
      try run.settle()
    } catch {
      try? index.finishRun(runId, status: "failed", counts: run.counts)
      throw error
    }
    try index.finishRun(runId, status: run.interrupted ? "interrupted" : "completed", counts: run.counts)
    return ScanResult(runId: runId, counts: run.counts, interrupted: run.interrupted, skipped: skipped)
  }

  /// ``read(_:)`` for many messages, split across the cores: the messages
  /// in input order, so the index is the same as a single-threaded scan's,
  /// and the problems met, in the same order.
  ///
  /// Each message is made once, in its place in the array returned: a
  /// `ScannedMessage` holds a dozen strings and arrays, and copying it out
  /// of a per-message result, then freeing the result, retained and
  /// released each of them (about 3% of a first scan's CPU under `perf`).
  static func readAll(_ raws: [RawMessage]) -> (messages: [ScannedMessage], problems: [Problem]) {
    let count = raws.count
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 32))
    var problemsByWorker = [[Problem]](repeating: [], count: workers)
    let messages = [ScannedMessage](unsafeUninitializedCapacity: count) { slots, initialized in
      problemsByWorker.withUnsafeMutableBufferPointer { problemsByWorker in
        // Each worker initialises only its own contiguous slice of the
        // messages, and only its own list of problems.
        nonisolated(unsafe) let slots = slots
        nonisolated(unsafe) let problemsByWorker = problemsByWorker
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          for i in (worker * count / workers)..<((worker + 1) * count / workers) {
            let (scanned, problems) = read(raws[i])
            (slots.baseAddress! + i).initialize(to: scanned)
            problemsByWorker[worker] += problems
          }
        }
      }
      initialized = count
    }
    return (messages, Array(problemsByWorker.joined()))
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
    // An address whose domain cannot be normalised is already a located
    // .badDomain problem of the header parser (VisibleRecipients.unreadable
    // holds the same entries), so it is not recorded again here.
    let problems = headers.problems
    let scanned = ScannedMessage(
      message: message, headerSHA256: hash, location: raw.location,
      bccCount: headers.bcc.count + headers.resentBcc.count, labels: raw.labels)
    return (scanned, problems)
  }
}

/// Thrown inside a reader's callback to stop reading between batches.
struct ScanStop: Error {}

/// The outcome of a batch not stored because the one before it failed;
/// that one's error is the scan's.
struct BatchAbandoned: Error {}

/// A batch's raw messages, handed to the thread that parses them, which
/// lets them go once parsed (a closure would hold them until it ends).
final class UnparsedBatch: @unchecked Sendable {
  private var raws: [RawMessage]

  init(_ raws: [RawMessage]) { self.raws = raws }

  /// The messages; called once, by that thread alone.
  func take() -> [RawMessage] {
    defer { raws = [] }
    return raws
  }
}

/// A batch stored on another thread: its outcome once committed.
final class BatchInFlight: @unchecked Sendable {
  let messages: Int
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var outcome: Result<BatchOutcome, any Error>?

  init(messages: Int) { self.messages = messages }

  /// Called once, by the thread that stored it.
  func finish(_ result: Result<BatchOutcome, any Error>) {
    lock.withLock { outcome = result }
    done.signal()
  }

  /// Waits until the batch is committed or failed.
  func result() -> Result<BatchOutcome, any Error> {
    if let known = lock.withLock({ outcome }) { return known }
    done.wait()
    done.signal()  // for any later waiter
    return lock.withLock { outcome! }
  }
}

/// The state of one scan run while it reads: the batch being filled and the
/// counts so far.
struct ScanRun {
  let driver: ScanDriver
  let runId: Int64
  let shouldStop: () -> Bool
  let progress: ((ScanProgress) -> Void)?
  var counts = ScanRunCounts()
  var problems: [Problem] = []
  var interrupted = false
  var currentFile = ""

  init(driver: ScanDriver, runId: Int64, shouldStop: @escaping () -> Bool, progress: ((ScanProgress) -> Void)?) {
    self.driver = driver
    self.runId = runId
    self.shouldStop = shouldStop
    self.progress = progress
  }

  /// The store, once the batches being parsed and stored in the background
  /// (if any) are committed: what the scan reads or writes next may depend
  /// on them, and nothing is written after a batch that failed.
  var index: any AuditStore {
    get throws {
      for batch in inFlight {
        if case .failure(let error) = batch.result() { throw error }
      }
      return driver.index
    }
  }

  /// The batches parsed and stored on other threads while the next is read
  /// (``AuditStore/storesWhileReading``), oldest first; each is stored
  /// only once the one before it has committed.
  var inFlight: [BatchInFlight] = []
  /// Most batches in flight: one being stored while the next is parsed.
  static let batchesInFlight = 2

  /// Raw messages waiting to be parsed and stored, and their header bytes.
  var pending: [RawMessage] = []
  var pendingBytes = 0
  /// Most header bytes held before a batch is committed, whatever its count.
  static let maxPendingBytes = 32 << 20

  var batchFull: Bool { pending.count >= driver.batchSize || pendingBytes >= Self.maxPendingBytes }

  /// Parts a batch is parsed in (see ``flush(state:)``), and the fewest
  /// messages in a part.
  static let parts = 4
  static let minimumPart = 256

  /// Parses the pending messages on every core, then commits them, with
  /// `state` (how far the current file is read) in the same transaction.
  ///
  /// With `overlapping`, on a store that ``AuditStore/storesWhileReading``,
  /// the batch is parsed and stored on other threads and this returns at
  /// once, so the store writes batch N while batch N+1 is parsed and
  /// prepared (see ``ParsedBatch``) and the reader reads batch N+2: the
  /// reader no longer stops to parse, and both cores stay busy. A batch is
  /// stored only after the one before it committed, and not at all if
  /// that one failed; at most ``batchesInFlight`` are in flight, and any
  /// other use of the store (``index``) waits for all of them. So batches
  /// commit in the order read, each with the state that describes exactly
  /// what is committed, and a killed scan leaves what a serial one would
  /// have. Their counts and progress are taken when they are waited for
  /// (``settle()``).
  mutating func flush(state: SourceState? = nil, overlapping: Bool = false) throws {
    guard !pending.isEmpty || !problems.isEmpty || state != nil else { return try settle() }
    let raws = pending
    let messageCount = raws.count
    let batchProblems = problems
    pending.removeAll(keepingCapacity: true)
    pendingBytes = 0
    problems.removeAll(keepingCapacity: true)
    let store = driver.index
    let runId = runId
    if overlapping && store.storesWhileReading {
      while inFlight.count >= Self.batchesInFlight { try settleOldest() }
      let before = inFlight.last
      let batch = BatchInFlight(messages: messageCount)
      inFlight.append(batch)
      let unparsed = UnparsedBatch(raws)
      DispatchQueue.global().async {
        // With nothing in flight before it, the first batch is parsed a
        // part at a time as it is stored (see below); later ones are
        // parsed while the batch before is stored, and their raw header
        // bytes let go before they wait for it.
        let parsed = before.map { _ in
          ParsedBatch(unparsed.take(), problems: batchProblems, runId: runId, for: store)
        }
        if let before, case .failure = before.result() { return batch.finish(.failure(BatchAbandoned())) }
        batch.finish(
          Result {
            if let parsed { return try parsed.store(runId: runId, state: state, into: store) }
            return try Self.store(unparsed.take(), problems: batchProblems, runId: runId, state: state, into: store)
          })
      }
      return
    }
    // While the batch before is still being stored (on a server, or by
    // SQLite on another thread), this one is parsed now, so once that one
    // commits this one's statements follow at once: parsed after it, the
    // server waited for this batch's first part every time (2.9 s of a
    // 39 s scan of 1,000,000 messages into PostgreSQL). With no batch in
    // flight there is nothing to overlap, and its parts are parsed as they
    // are sent, so the server starts on the first at once.
    let parsed =
      store.storesWhileReading && !inFlight.isEmpty
      ? ParsedBatch(raws, problems: batchProblems, runId: runId, for: store) : nil
    // A parsed batch's raw header bytes are let go before it is stored, not
    // held while the next batch is read beside it.
    let unparsed = parsed == nil ? raws : []
    try settle()
    if let parsed {
      counted(try parsed.store(runId: runId, state: state, into: store), messages: messageCount)
    } else {
      counted(
        try Self.store(unparsed, problems: batchProblems, runId: runId, state: state, into: store),
        messages: messageCount)
    }
  }

  /// Waits for every batch in flight, oldest first, and counts each;
  /// throws the first one's error.
  mutating func settle() throws {
    while !inFlight.isEmpty { try settleOldest() }
  }

  /// Waits for the oldest batch in flight and counts it; throws its error
  /// (the batches after a failed one are abandoned unstored, and go with it).
  private mutating func settleOldest() throws {
    let batch = inFlight.removeFirst()
    switch batch.result() {
    case .success(let outcome): counted(outcome, messages: batch.messages)
    case .failure(let error):
      awaitStored()
      inFlight.removeAll()
      throw error
    }
  }

  /// Waits for every batch in flight and counts those that committed
  /// before the first that failed, if any: a failed scan's run still
  /// counts what it stored (the store, ``index``, reports the first
  /// failure without counting the batches before it).
  mutating func countStored() {
    // The first failure already ended the scan; the rest are abandoned.
    while !inFlight.isEmpty {
      do { try settleOldest() } catch { return }
    }
  }

  /// Waits for every batch in flight, leaving their outcomes to ``settle()``.
  func awaitStored() {
    for batch in inFlight { _ = batch.result() }
  }

  private mutating func counted(_ outcome: BatchOutcome, messages: Int) {
    counts.add(outcome, messages: messages)
    progress?(ScanProgress(messages: counts.messagesSeen, bytes: counts.bytesRead, currentFile: currentFile))
  }

  /// Parses `raws` and stores them with `problems` (and those met parsing)
  /// and `state`, in one transaction. They are parsed a part at a time,
  /// each part handed to the store as it is made, so a store on a server
  /// writes one part while the next is parsed.
  static func store(
    _ raws: [RawMessage], problems: [Problem], runId: Int64, state: SourceState?, into index: any AuditStore
  ) throws -> BatchOutcome {
    var gathered = problems
    var next = 0
    let partSize = max(Self.minimumPart, (raws.count + Self.parts - 1) / Self.parts)
    return try index.store(
      parts: {
        guard next < raws.count else { return nil }
        let end = min(next + partSize, raws.count)
        let part = ScanDriver.readAll(Array(raws[next..<end]))
        gathered += part.problems
        next = end
        return part.messages
      }, problems: { gathered }, runId: runId, progress: state)
  }

  /// A batch parsed and prepared (``AuditStore/prepare(_:runId:)``) ahead
  /// of its store. It goes to the store whole: parts exist so a server can
  /// start while the rest is parsed, and here nothing is left to parse,
  /// while each statement costs the server a parse and a plan.
  struct ParsedBatch: Sendable {
    let prepared: PreparedBatch
    let problems: [Problem]

    init(_ raws: [RawMessage], problems: [Problem], runId: Int64, for store: any AuditStore) {
      let read = ScanDriver.readAll(raws)
      self.problems = problems + read.problems
      prepared = store.prepare(read.messages, runId: runId)
    }

    func store(runId: Int64, state: SourceState?, into index: any AuditStore) throws -> BatchOutcome {
      try index.store(prepared, problems: problems, runId: runId, progress: state)
    }
  }

  mutating func add(_ event: MailboxEvent) {
    switch event {
    case .message(let raw):
      counts.bytesRead += raw.location.length ?? UInt64(raw.header.count)
      guard SentLabelFilter.admits(raw, selection: driver.labels) else {
        counts.notSent += 1
        return
      }
      pending.append(raw)
      pendingBytes += raw.header.count
    case .problem(let problem):
      problems.append(problem)
    }
  }

  /// Reads one source: incrementally when it knows how (see
  /// ``IncrementalSource``), else whole unless its file is unchanged.
  mutating func read(_ source: any MailboxSource) throws {
    // Scanners sharing a store read each source one at a time: the second
    // waits, then finds it read and reads only what is new since.
    let sourceLease = try index.lockSource(source.mailbox)
    defer { withExtendedLifetime(sourceLease) {} }
    // Its last batch is committed before another scanner may take it.
    defer { awaitStored() }
    currentFile = source.mailbox
    try recordOwner(of: source)
    do {
      if let incremental = source as? any IncrementalSource, incremental.readsIncrementally {
        try incremental.read(into: &self)
      } else {
        try readWhole(source)
      }
    } catch let error as MailboxReadError {
      // One mailbox that cannot be read is a problem, not the end of the scan.
      problems.append(error.problem)
    }
  }

  /// Any other source: read unless the file is unchanged since it was read.
  mutating func readWhole(_ source: any MailboxSource) throws {
    let path = source.mailbox
    let snapshot = FileSnapshot.take(path)
    if let snapshot, snapshot.change(since: try index.sourceState(path: path)) == .unchanged { return }
    try source.forEachEvent { event in
      add(event)
      if batchFull { try flush(overlapping: true) }
    }
    try flush(state: snapshot?.state(path: path, resumeOffset: snapshot?.size ?? 0, complete: true))
    if shouldStop() { throw ScanStop() }
  }
}
