import ArgumentParser
import Foundation
import MailAudit
import MailIMAP

/// Options of the scans of a whole organisation: every user's Sent folder
/// through a master user, and whose mail the mailboxes are.
struct OrganisationOptions: ParsableArguments {
  @Option(
    name: .customLong("imap-users"),
    help: ArgumentHelp(
      "Read the Sent folder of every login in this file (one a line, # comments) on each imap://host[:port] given, signed in as --imap-master. The folder is the one marked \\Sent (RFC 6154), else one with a usual Sent name; imap://host/Folder names it for everyone.",
      valueName: "file"))
  var imapUsers: String?

  @Option(
    name: .customLong("imap-users-command"),
    help: ArgumentHelp(
      "As --imap-users, the logins printed by this shell command (such as: doveadm user '*').", valueName: "command"))
  var imapUsersCommand: String?

  @Option(name: .long, help: ArgumentHelp("IMAP users read at the same time, each on its own connection.", valueName: "n"))
  var jobs: Int = 1

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Whose mail the files and folders scanned are (an IMAP folder's owner is its login; without this, the owners patterns of mailaudit.toml).",
      valueName: "name"))
  var owner: String?

  func validate(paths: [String], master: String?) throws {
    if imapUsers != nil && imapUsersCommand != nil {
      throw ValidationError("--imap-users and --imap-users-command cannot be used together.")
    }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    if let owner, owner.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--owner takes a name.")
    }
    guard users != nil else {
      if jobs > 1 { throw ValidationError("--jobs reads several IMAP users at once: give --imap-users or --imap-users-command.") }
      return
    }
    guard master != nil else {
      throw ValidationError("--imap-users reads other users' mail: give the master user with --imap-master.")
    }
    let servers = paths.filter(IMAPFolderAddress.isIMAPURL)
    if servers.isEmpty { throw ValidationError("--imap-users needs a server to read them on, such as imap://mail.example.com") }
    for server in servers {
      do {
        _ = try IMAPServerAddress(url: server)
      } catch {
        throw ValidationError("with --imap-users, \(server) must name a server only: imap://host[:port] or imap://host/Folder")
      }
    }
  }

  /// Where the logins come from, if a user list was given.
  var users: IMAPMasterScan.Users? {
    imapUsers.map(IMAPMasterScan.Users.file) ?? imapUsersCommand.map(IMAPMasterScan.Users.command)
  }

  var masterScan: IMAPMasterScan? { users.map { IMAPMasterScan(users: $0, jobs: jobs) } }
}
