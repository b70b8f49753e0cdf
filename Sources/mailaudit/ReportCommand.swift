import ArgumentParser
import Foundation
import MailAudit

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the reports from the index, re-analysed under the given options.",
    discussion: ExitStatus.helpText)

  @OptionGroup var common: CommonOptions
  @OptionGroup var reports: ReportOptionGroup

  @Option(name: .customLong("run"), help: ArgumentHelp("Limit the reports to what this scan run found first.", valueName: "run"))
  var onlyRun: Int64?

  @Flag(name: .long, help: "Limit the reports to what the latest scan run found first.")
  var new = false

  @Option(name: .long, help: ArgumentHelp("Limit the reports to the mail of this owner (see scan --owner).", valueName: "name"))
  var owner: String?

  func validate() throws {
    if new && onlyRun != nil { throw ValidationError("--new and --run cannot be used together.") }
  }

  func run() throws {
    do {
      let auditor = try common.auditor(creatingSchema: false)
      let onlyRun = new ? try auditor.index.latestRunId() : self.onlyRun
      let analysis = try auditor.analyze()
      let written = try auditor.writeReportFiles(
        to: URL(fileURLWithPath: reports.out), formats: reports.format,
        options: reports.options(language: try common.store.language()), newInRun: onlyRun,
        zone: try common.store.zone(), owner: owner)
      let summary = try auditor.summary(scan: nil, analysis: analysis, reports: written)
      try finish(summary: summary, common: common, failOn: nil)
    } catch let status as ExitStatus {
      throw status
    } catch {
      throw fail(error)
    }
  }
}
