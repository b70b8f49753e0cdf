import ArgumentParser
import Foundation
import MailAudit

@main
struct MailAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mailaudit",
    abstract: "Audits sent mail for recipients exposed to each other in To or Cc.",
    discussion: """
      mailaudit reads sent mailboxes (mbox files, Maildir folders, .eml and Outlook .msg \
      files, Outlook .pst/.ost stores, folders holding several, IMAP folders), finds \
      messages whose visible recipients belong to two or more external parties, stores \
      them in a SQLite index and writes CSV and HTML reports and the regulator pack, in \
      English or Japanese.

      \(ExitStatus.helpText)
      """,
    version: MailAuditVersion.string,
    subcommands: [
      AuditCommand.self, ScanCommand.self, ReportCommand.self, IncidentsCommand.self, IncidentCommand.self,
      FollowupCommand.self, LookupCommand.self, NotifyCommand.self, EvidenceCommand.self, VerifyCommand.self,
      InitCommand.self, ServeCommand.self,
    ])

  static func main() {
    // Index and report files hold personal data: whatever SQLite or the
    // reports create is readable by the owner only.
    umask(0o077)
    ProcessMemory.limitArenas()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let status as ExitStatus {
      Foundation.exit(status.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}
