import ArgumentParser
import MailAudit

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Read mailboxes into the index (no reports).",
    discussion: ExitStatus.helpText)

  @OptionGroup var common: CommonOptions
  @OptionGroup var scan: ScanOptionGroup

  func run() throws {
    do {
      let (auditor, result, analysis) = try runScan(common: common, scan: scan)
      let summary = try auditor.summary(scan: result, analysis: analysis, reports: [])
      try finish(summary: summary, common: common, failOn: scan.failOnSeverity)
    } catch let status as ExitStatus {
      throw status
    } catch {
      throw fail(error)
    }
  }
}
