import ArgumentParser
import MailAudit

@main
struct MailAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mailaudit", abstract: "Audits sent mail for exposed recipient addresses.",
    version: MailAuditVersion.string)
}
