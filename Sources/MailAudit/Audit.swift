import Foundation
import MailParsing

/// What one `scan` or `audit` run did, for the summary on stdout and the
/// `--json` line.
public struct RunSummary: Sendable, Codable {
  public var runId: Int64?
  public var interrupted: Bool
  public var messagesSeen: Int
  public var newMessages: Int
  public var duplicates: Int
  public var bytesRead: UInt64
  public var newProblems: Int
  public var newFindings: Int
  public var newIncidents: Int
  /// Highest severity among the findings first seen in this run.
  public var worstNewSeverity: Severity?
  public var totals: IndexTotals
  public var internalDomains: InternalDomainSet
  public var index: String
  public var reports: [String]
  /// Files knowingly not read in this run, by kind (`dovecot-uidlist`,
  /// `not mail`, ...): mail programs' own files are not problems.
  public var skippedFiles: [String: Int] = [:]
  /// How the analysis after the scan went about it, and why.
  public var analysis: AnalysisMode = .unchanged
  /// Counts by owner and sender domain, once any mailbox has an owner.
  public var organisation: OrganisationTotals? = nil

  /// The one-line JSON summary for schedulers (snake_case keys).
  public func jsonLine() -> String {
    var object: [String: Any] = [
      "messages_seen": messagesSeen, "new_messages": newMessages, "duplicates": duplicates,
      "bytes_read": bytesRead, "new_findings": newFindings, "new_incidents": newIncidents,
      "problems": totals.problems, "new_problems": newProblems, "findings": totals.findings,
      "incidents": totals.incidents, "exposed_addresses": totals.exposedAddresses,
      "personal_addresses": totals.personalAddresses, "index": index, "reports": reports,
      "interrupted": interrupted, "internal_domains": internalDomains.domains,
      "internal_domains_inferred": internalDomains.inferred,
      "skipped_files": skippedFiles.values.reduce(0, +), "skipped_files_by_kind": skippedFiles,
    ]
    if let runId { object["run"] = runId }
    switch analysis {
    case .unchanged: object["analysis"] = "unchanged"
    case .incremental(let new, let regrouped):
      object["analysis"] = "incremental"
      object["analysis_new_messages"] = new
      object["analysis_regrouped_findings"] = regrouped
    case .full(let reason):
      object["analysis"] = "full"
      object["analysis_reason"] = reason.rawValue
    }
    if let organisation { object.merge(organisation.jsonFields) { $1 } }
    object["findings_by_severity"] = Dictionary(
      uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, totals.findingsBySeverity[$0] ?? 0) })
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// A short human summary, worded by `c` (`run.*`).
  public func text(_ c: MessageCatalog) -> String {
    var lines: [String] = []
    if runId != nil {
      lines.append(
        c.text(
          "run.scanned",
          ["seen": messagesSeen, "new": newMessages, "duplicates": duplicates, "bytes": ByteCount.text(bytesRead)]))
      if interrupted { lines.append(c["run.stopped"]) }
      switch analysis {
      case .unchanged: lines.append(c["run.analysisUnchanged"])
      case .incremental(let new, let regrouped):
        lines.append(c.text("run.analysisIncremental", ["new": new, "regrouped": regrouped]))
      case .full(.first): lines.append(c["run.analysisFirst"])
      case .full(.inputsChanged): lines.append(c["run.analysisInputs"])
      case .full(.internalDomainsChanged): lines.append(c["run.analysisDomains"])
      case .full(.rulesChanged): lines.append(c["run.analysisRules"])
      }
    }
    let s = totals.findingsBySeverity
    lines.append(
      c.text(
        "run.index",
        [
          "messages": totals.messages, "findings": totals.findings, "critical": s[.critical] ?? 0,
          "high": s[.high] ?? 0, "medium": s[.medium] ?? 0, "low": s[.low] ?? 0, "incidents": totals.incidents,
          "new": runId != nil ? c.text("run.newPart", ["count": newFindings]) : "",
        ]))
    lines.append(
      c.text(
        "run.exposed",
        ["addresses": totals.exposedAddresses, "personal": totals.personalAddresses, "parties": totals.parties]))
    let how = internalDomains.inferred ? c["run.inferred"] : c["run.configured"]
    // A Sent folder has one or two sender domains; many means the mailbox is
    // not a Sent folder (or holds received mail), which the reader must see.
    let shown = internalDomains.domains.prefix(10).joined(separator: ", ")
    let more =
      internalDomains.domains.count > 10 ? c.text("run.moreDomains", ["count": internalDomains.domains.count - 10]) : ""
    let domains = internalDomains.domains.isEmpty ? c["run.none"] : shown + more
    lines.append(c.text("run.internal", ["how": how, "domains": domains]))
    if totals.problems > 0 {
      let kinds = totals.problemsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      lines.append(c.text("run.problems", ["count": totals.problems, "kinds": kinds]))
    } else {
      lines.append(c["run.noProblems"])
    }
    if !skippedFiles.isEmpty {
      let kinds = skippedFiles.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      lines.append(c.text("run.skipped", ["count": skippedFiles.values.reduce(0, +), "kinds": kinds]))
    }
    if !reports.isEmpty {
      let folder = (reports[0] as NSString).deletingLastPathComponent
      let files = reports.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
      lines.append(c.text("run.reports", ["folder": folder, "files": files]))
    }
    if let organisation { lines += organisation.textLines(c) }
    lines.append(c.text("run.indexFile", ["index": index]))
    return lines.joined(separator: "\n")
  }
}

/// Human-readable byte counts.
enum ByteCount {
  static func text(_ bytes: UInt64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
  }
}

/// The auditor: scans mailboxes into an index, analyses them under a
/// policy and writes reports. The command line is a thin layer over this.
public struct Auditor: Sendable {
  public var index: any AuditStore
  public var policy: ExposurePolicy
  public var catalog: DomainCatalog

  public init(index: any AuditStore, policy: ExposurePolicy, catalog: DomainCatalog) {
    self.index = index
    self.policy = policy
    self.catalog = catalog
  }

  /// Scans `paths` (files, folders, `imap://` folders) into the index,
  /// then re-analyses it.
  public func scan(
    paths: [String], batchSize: Int = 2000, labels: SentLabelFilter.Selection = .sentOnly,
    outlookFolders: PSTReader.FolderSelection = .sentItems, imap: IMAPScanSettings = IMAPScanSettings(), shouldStop: @escaping () -> Bool = { false },
    owners: MailboxOwners = MailboxOwners(), progress: ((ScanProgress) -> Void)? = nil
  ) throws -> (ScanResult, AnalysisOutcome) {
    var driver = ScanDriver(index: index, catalog: catalog, batchSize: batchSize, labels: labels)
    driver.imap = imap
    driver.owners = owners
    driver.outlookFolders = outlookFolders
    let result = try driver.scan(paths: paths, shouldStop: shouldStop, progress: progress)
    // The batches' memory, freed by the threads that stored them, is handed
    // back before the analysis allocates its own: kept, it stacked up under
    // the analysis and lifted the scan's peak (66 MiB instead of 62 on
    // 50,000 messages).
    ProcessMemory.returnFreedMemory()
    let analysis = try StoreAnalysis(policy: policy, catalog: catalog).run(on: index, runId: result.runId)
    // And the analysis' memory (its chunks, the grouping's tables) before
    // the run summary's reads, each on a connection with its own page
    // cache: kept, those caches came on top of it at the scan's very end
    // (62 MiB on the 50,000-message Maildir, 64.7 at most in a benchmark).
    ProcessMemory.returnFreedMemory()
    return (result, analysis)
  }

  /// Re-analyses the index under the policy without reading mail (only
  /// what changed, unless `full`).
  public func analyze(full: Bool = false) throws -> AnalysisOutcome {
    try StoreAnalysis(policy: policy, catalog: catalog).run(on: index, runId: nil, full: full)
  }

  /// The report writers, by format name.
  public static let writers: [String: [any ReportWriter]] = [
    "csv": [FindingsCSV(), ExposedAddressesCSV()],
    "html": [SummaryHTML()],
    "json": [FindingsJSONL(), IncidentsJSONL()],
  ]

  /// Writes reports into `directory` (created 0700) and returns their paths,
  /// every time in `zone` (each message's own offset without one).
  /// With `options.mask`, every report but the notification list shows
  /// addresses masked under the index's key.
  public func writeReports(
    to directory: URL, formats: [String] = ["csv", "html"], options: ReportOptions = ReportOptions(),
    newInRun: Int64? = nil, zone: ReportTimeZone? = nil
  ) throws -> [URL] {
    try writeReportFiles(to: directory, formats: formats, options: options, newInRun: newInRun, zone: zone).files
  }

  /// ``writeReports(to:formats:options:newInRun:zone:)``, with the index's
  /// totals as the reports read them, for ``summary(scan:analysis:reports:)``.
  public func writeReportFiles(
    to directory: URL, formats: [String] = ["csv", "html"], options: ReportOptions = ReportOptions(),
    newInRun: Int64? = nil, zone: ReportTimeZone? = nil
  ) throws -> WrittenReports {
    let report = try index.report(newInRun: newInRun, zone: zone)
    return WrittenReports(
      files: try write(report, formats: formats, options: options, into: directory), indexTotals: report.totals)
  }

  /// Writes `report` in `formats` into `directory` (created 0700), masked
  /// under `options.mask` for every writer that honours it.
  ///
  /// The files are written side by side, one per core at a time, the
  /// summary page first: it costs about as much as the others together
  /// (5,000 findings: 0.82 of the time written in turn). The paths come
  /// back in the order of `formats`; the first failure in that order is thrown.
  func write(_ report: AuditReport, formats: [String], options: ReportOptions, into directory: URL) throws -> [URL] {
    try PrivateFiles.createDirectory(directory)
    let masked = options.mask ? report.masked(by: try index.addressMask()) : report
    let writers = formats.flatMap { Self.writers[$0] ?? [] }
    let order = writers.indices.sorted { (writers[$0] is SummaryHTML ? 0 : 1) < (writers[$1] is SummaryHTML ? 0 : 1) }
    var results = [Result<URL, any Error>?](repeating: nil, count: writers.count)
    results.withUnsafeMutableBufferPointer { buffer in
      // Each writer fills only its own slot.
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: order.count) { turn in
        let i = order[turn]
        let writer = writers[i]
        slots[i] = Result { try writer.write(writer.honoursMask ? masked : report, options: options, into: directory) }
      }
    }
    return try results.map { try $0!.get() }
  }

  /// The summary of a run (or of the index alone when `scan` is nil).
  public func summary(scan: ScanResult?, analysis: AnalysisOutcome, reports: [URL]) throws -> RunSummary {
    try summary(scan: scan, analysis: analysis, reports: WrittenReports(files: reports, indexTotals: nil))
  }

  /// The summary of a run after ``writeReportFiles(to:formats:options:newInRun:zone:)``:
  /// the totals the reports read are not counted again (on an index of
  /// 1,000,000 messages, counting them read 11,000 pages).
  ///
  /// Its three reads (what the run found first, the totals, the
  /// organisation's) are made side by side: each is one core's work in the
  /// store, after a first scan the last thing it waits for.
  public func summary(scan: ScanResult?, analysis: AnalysisOutcome, reports: WrittenReports) throws -> RunSummary {
    nonisolated(unsafe) var newRead: Result<(findings: Int, incidents: Int, worst: Severity?)?, any Error>?
    nonisolated(unsafe) var totalsRead: Result<IndexTotals, any Error>?
    nonisolated(unsafe) var organisationRead: Result<OrganisationTotals?, any Error>?
    DispatchQueue.concurrentPerform(iterations: 3) { read in
      // Each read fills only its own result.
      switch read {
      case 0: newRead = Result { try scan.map { try index.newInRun($0.runId) } }
      case 1: totalsRead = Result { try reports.indexTotals ?? index.totals() }
      default: organisationRead = Result { try index.organisationTotals() }
      }
    }
    let new = try newRead!.get()
    let totals = try totalsRead!.get()
    var summary = RunSummary(
      runId: scan?.runId, interrupted: scan?.interrupted ?? false,
      messagesSeen: scan?.counts.messagesSeen ?? 0, newMessages: scan?.counts.newMessages ?? 0,
      duplicates: scan?.counts.duplicates ?? 0, bytesRead: scan?.counts.bytesRead ?? 0,
      newProblems: scan?.counts.problems ?? 0, newFindings: new?.findings ?? 0,
      newIncidents: new?.incidents ?? 0, worstNewSeverity: new?.worst, totals: totals,
      internalDomains: analysis.internalDomains, index: index.location, reports: reports.files.map(\.path),
      skippedFiles: scan?.skippedByKind ?? [:], analysis: analysis.mode)
    // Set apart: one more argument with the others' `??` makes the call
    // too slow for the type checker.
    summary.organisation = try organisationRead!.get()
    return summary
  }
}

/// The files a report run wrote, and the whole index's totals as its
/// reports read them (nil when the reports were limited to one owner).
public struct WrittenReports: Sendable {
  public var files: [URL]
  public var indexTotals: IndexTotals?

  public init(files: [URL], indexTotals: IndexTotals?) {
    self.files = files
    self.indexTotals = indexTotals
  }
}
