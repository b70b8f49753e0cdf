import ArgumentParser
import Foundation
import MailAudit

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Scan mailboxes, then write the reports: the main job.",
    discussion: """
      Writes findings.csv, exposed-addresses.csv and summary.html into --out \
      (--format json adds findings.jsonl and incidents.jsonl; --mask masks addresses).
      \(ExitStatus.helpText)
      """)

  @OptionGroup var common: CommonOptions
  @OptionGroup var scan: ScanOptionGroup
  @OptionGroup var reports: ReportOptionGroup

  @Flag(name: .long, help: "Limit the reports to findings and incidents first seen in this run.")
  var new = false

  func run() throws {
    do {
      let (auditor, result, analysis) = try runScan(common: common, scan: scan)
      let written = try auditor.writeReportFiles(
        to: URL(fileURLWithPath: reports.out), formats: reports.format,
        options: reports.options(language: try common.store.language()), newInRun: new ? result.runId : nil,
        zone: try common.store.zone())
      let summary = try auditor.summary(scan: result, analysis: analysis, reports: written)
      try finish(summary: summary, common: common, failOn: scan.failOnSeverity)
    } catch let status as ExitStatus {
      throw status
    } catch {
      throw fail(error)
    }
  }
}
