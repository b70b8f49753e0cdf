import Foundation

/// The analyser run on a second thread, one chunk of messages at a time,
/// while the thread that holds the store reads the next chunk and writes
/// the last one's findings.
///
/// A store's session belongs to one thread (SQLite's connection, the
/// PostgreSQL session's answers), and after the scan that thread alone did
/// all of the analysis: reading messages back, analysing them and writing
/// findings, with the second core idle. Decoding the stored messages,
/// analysing them, the grouping links and the grouping's bookkeeping touch
/// no store, so they go to the second thread.
///
/// Up to ``chunksInFlight`` chunks are in flight, analysed one after
/// another in the order read, so the analyser's domain cache and the
/// grouping members see the messages in row order, as a serial analysis
/// does, and the findings are written in the same order: the index is the
/// same row for row.
final class AnalysisPipeline: @unchecked Sendable {
  /// One message as the analyser left it.
  struct Analysed: Sendable {
    var rowId: Int64
    var outcome: ExposureAnalyzer.Outcome
    /// The grouping links of an exposure (see ``StoreAnalysis/groupingLinks(of:)``).
    var links: [Int64]
    /// In a full analysis, the id of the incident an exposure would form
    /// alone (see ``IncidentGrouping/incidentID(forEarliestKey:)``); else
    /// empty.
    var ownIncident = ""
    /// In a full analysis, the address row of each exposure: the number
    /// the grouping gave its address, plus one (see
    /// ``AnalysisSession/insertFinding(rowId:_:incidentId:links:addressRows:)``);
    /// else empty.
    var addressRows: [Int64] = []
  }

  /// Messages per chunk by default: enough that handing a chunk over
  /// costs little beside analysing it, few enough that the two threads
  /// start and end together.
  static let chunkSize = 256
  /// Bytes of stored recipients that end a chunk sooner. Up to four
  /// chunks are held at once (being read, two handed over, one being
  /// written), where the serial analysis held one message: memory must not
  /// follow the size of To lists (256 messages of 10,000 recipients each
  /// would be over 100 MiB decoded).
  static let chunkBytes = 128 * 1024

  /// Chunks handed over and not yet taken back. With one, each thread
  /// waited for the other at every chunk whose analysing and writing took
  /// different times; with two, a slow chunk on one side is made up by a
  /// quick one. Against one, in pairs: 0.964 of the time on the
  /// exposure-heavy mbox (31 pairs), 0.972 on the 50,000-message mbox
  /// (21), peaking about 1 MiB higher.
  static let chunksInFlight = 2

  /// One chunk's analysis, filled by the queue and read by the caller
  /// once `done` is signalled.
  private final class ChunkResult: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var analysed: [Analysed] = []

    /// The chunk's analysis, once the queue has signalled it.
    func waited() -> [Analysed] {
      done.wait()
      return analysed
    }
  }

  private let queue = DispatchQueue(label: "mailaudit.analysis")
  private let grouped = DispatchSemaphore(value: 0)
  // Touched by the queue while a chunk is in flight, by the caller only
  // once `take()` has waited for them all: never by both at once.
  private var analyzer: ExposureAnalyzer
  private var members: IncidentGrouping.Members?
  // Written by the queue, read by the caller once `grouped` is signalled.
  private var incidents: [Incident] = []
  // The caller's alone: whether a grouping was started, and the chunks in
  // flight, oldest first.
  private var groupingStarted = false
  private var inFlight: [ChunkResult] = []
  // The caller's alone: the chunk being filled.
  private let maxMessages: Int
  private var chunk: [(rowId: Int64, message: StoredMessage)] = []
  private var chunkBytes = 0

  /// `keepsMembers`: gather every exposure's grouping facts (a full
  /// analysis groups them all at the end). `chunkSize`: messages per chunk.
  init(analyzer: ExposureAnalyzer, keepsMembers: Bool, chunkSize: Int = AnalysisPipeline.chunkSize) {
    self.analyzer = analyzer
    members = keepsMembers ? IncidentGrouping.Members() : nil
    maxMessages = chunkSize
    chunk.reserveCapacity(chunkSize)
  }

  /// Adds a message, in row order, to the chunk being filled. When that
  /// chunk is full it is handed over, and what comes back, once
  /// ``chunksInFlight`` are in flight, is the oldest of them, analysed, for
  /// the caller to write while the others are analysed; otherwise nothing.
  func add(rowId: Int64, _ message: StoredMessage) -> [Analysed] {
    chunk.append((rowId, message))
    chunkBytes += message.recipients.utf8.count
    guard chunk.count >= maxMessages || chunkBytes >= Self.chunkBytes else { return [] }
    return handOver()
  }

  /// Hands the last chunk over and returns everything not yet returned,
  /// analysed, in row order.
  func finish() -> [Analysed] {
    handOver() + take()
  }

  /// Submits the chunk being filled; returns the oldest in flight,
  /// analysed, when as many as may be are.
  private func handOver() -> [Analysed] {
    var analysed: [Analysed] = []
    if inFlight.count >= Self.chunksInFlight { analysed = inFlight.removeFirst().waited() }
    submit(chunk)
    chunk.removeAll(keepingCapacity: true)
    chunkBytes = 0
    return analysed
  }

  /// Starts analysing `chunk` after those in flight.
  private func submit(_ chunk: [(rowId: Int64, message: StoredMessage)]) {
    let chunkResult = ChunkResult()
    inFlight.append(chunkResult)
    queue.async { [self] in
      var analysed: [Analysed] = []
      analysed.reserveCapacity(chunk.count)
      for (rowId, stored) in chunk {
        let message = stored.decodedForAnalysis()
        let outcome = analyzer.analyze(message)
        var links: [Int64] = []
        var ownIncident = ""
        var addressRows: [Int64] = []
        if case .exposure(let finding) = outcome {
          let keys = ThreadKeys(message)
          links = StoreAnalysis.groupingLinks(of: message, threadKeys: keys)
          if members != nil {
            members?.append(message: message, finding: finding, threadKeys: keys)
            ownIncident = IncidentGrouping.incidentID(forEarliestKey: finding.messageKey)
            addressRows = members?.lastAddressNumbers.map { Int64($0) + 1 } ?? []
          }
        }
        if case .noExposure = outcome { continue }
        analysed.append(
          Analysed(rowId: rowId, outcome: outcome, links: links, ownIncident: ownIncident, addressRows: addressRows))
      }
      chunkResult.analysed = analysed
      chunkResult.done.signal()
    }
  }

  /// Every chunk in flight, once analysed, oldest first; empty when none
  /// is. Waiting for them is also how a caller that stops early makes sure
  /// nothing of the analysis runs on.
  func take() -> [Analysed] {
    defer { inFlight = [] }
    return inFlight.flatMap { $0.waited() }
  }

  /// The grouping facts of every exposure analysed, once nothing is in
  /// flight.
  private func takeMembers() -> IncidentGrouping.Members {
    _ = take()
    defer { members = nil }
    return members ?? IncidentGrouping.Members()
  }

  /// Groups every exposure analysed on the analyser's thread, once nothing
  /// is in flight, while the caller's thread finishes its writes to the
  /// store; ``takeIncidents()`` waits for the incidents. The members are
  /// freed on that thread too.
  ///
  /// After a full analysis the grouping (with freeing its members) and
  /// building the indexes were each about a tenth of the exposure-heavy
  /// benchmark's scan, one after the other on one thread (`perf`).
  func startGrouping(_ grouping: IncidentGrouping) {
    // The block holds the only copy, and the queue frees the block.
    let members = takeMembers()
    groupingStarted = true
    queue.async { [self] in
      incidents = grouping.group(members)
      grouped.signal()
    }
  }

  /// The incidents of ``startGrouping(_:)``, once grouped; empty when no
  /// grouping was started. Waiting for them is also how a caller that stops
  /// early makes sure nothing of the analysis runs on (but freeing the
  /// members, which may end after it returns).
  func takeIncidents() -> [Incident] {
    guard groupingStarted else { return [] }
    grouped.wait()
    groupingStarted = false
    defer { incidents = [] }
    return incidents
  }
}
