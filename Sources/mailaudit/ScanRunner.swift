import Foundation
import MailAudit

/// Asks a running scan to stop at its next batch on SIGINT or SIGTERM.
final class StopRequest: @unchecked Sendable {
  private let lock = NSLock()
  private var requested = false
  private var sources: [DispatchSourceSignal] = []

  init() {
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { [weak self] in self?.request() }
      source.resume()
      sources.append(source)
    }
  }

  func request() {
    lock.lock()
    requested = true
    lock.unlock()
  }

  var isRequested: Bool {
    lock.lock()
    defer { lock.unlock() }
    return requested
  }
}

/// For the crash-safety tests only: `MAILAUDIT_TEST_KILL_AT_BATCH=N` makes
/// the process SIGKILL itself right after its Nth committed batch, so a
/// test can stop a scan at exact, repeatable points.
final class CrashTestHook: @unchecked Sendable {
  private let killAt: Int?
  private var committed = 0

  init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    killAt = environment["MAILAUDIT_TEST_KILL_AT_BATCH"].flatMap(Int.init)
  }

  func batchCommitted() {
    guard let killAt else { return }
    committed += 1
    if committed >= killAt { kill(getpid(), SIGKILL) }
  }
}

/// Shows scan progress on stderr when it is a terminal.
struct ProgressDisplay {
  let enabled: Bool
  let start = Date()

  init(quiet: Bool) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  func update(_ p: ScanProgress) {
    guard enabled else { return }
    let seconds = max(Date().timeIntervalSince(start), 0.001)
    let rate = Double(p.bytes) / seconds / 1_000_000
    let file = p.currentFile.count > 50 ? "…" + p.currentFile.suffix(49) : p.currentFile
    FileHandle.standardError.write(Data(String(format: "\r\u{1B}[K%d messages, %.1f MB/s, %@", p.messages, rate, file).utf8))
  }

  func finish() {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

/// The scan step shared by `scan` and `audit`.
func runScan(common: CommonOptions, scan: ScanOptionGroup) throws -> (Auditor, ScanResult, AnalysisOutcome) {
  let auditor = try common.auditor()
  let stop = StopRequest()
  let display = ProgressDisplay(quiet: common.quiet || common.json)
  let killPoint = CrashTestHook()
  let (result, analysis) = try auditor.scan(
    paths: scan.paths, batchSize: scan.batchSize, labels: scan.allLabels ? .all : .sentOnly,
    outlookFolders: scan.allFolders ? .allMailFolders : .sentItems, imap: scan.imapSettings,
    shouldStop: { stop.isRequested },
    owners: try common.store.configuration().mailboxOwners(owner: scan.organisation.owner),
    progress: { progress in
      display.update(progress)
      killPoint.batchCommitted()
    })
  display.finish()
  return (auditor, result, analysis)
}

/// Prints the summary and picks the exit status.
func finish(summary: RunSummary, common: CommonOptions, failOn: Severity?) throws {
  if common.json {
    print(summary.jsonLine())
  } else if !common.quiet {
    print(summary.text(try common.store.catalog()))
  }
  if summary.interrupted { throw ExitStatus.failed }
  if let failOn, let worst = summary.worstNewSeverity, worst >= failOn { throw ExitStatus.newFindings }
}
