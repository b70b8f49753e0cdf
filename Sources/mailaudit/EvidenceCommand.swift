import ArgumentParser
import Foundation
import MailAudit

struct EvidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evidence",
    abstract: "Copy every message of an incident, byte for byte, into an evidence set an auditor can verify.",
    discussion: """
      Writes DIR/NN-HASH.eml for each message (its own bytes, read again read-only from where it was \
      found; over IMAP with BODY.PEEK[], so no message is marked read), DIR/manifest.json (per message \
      its Message-ID, every location with the SHA-256 it held, the size, the copy's SHA-256 and when it \
      was copied; the mailaudit version and the host), DIR/manifest.json.sha256 and DIR/SHA256SUMS \
      (both checkable with `sha256sum -c`). DIR must be new or empty. `mailaudit verify DIR` checks \
      the set again.
      """)

  @OptionGroup var options: IndexOptions

  @OptionGroup var imap: IMAPOptions

  @Argument(help: ArgumentHelp("The incident id (INC-...), or a unique beginning of it.", valueName: "id"))
  var id: String

  @Option(name: .long, help: ArgumentHelp("The folder to write the evidence set into (new or empty).", valueName: "dir"))
  var out: String

  func run() throws {
    try reporting {
      let index = try options.openIndex()
      let resolved = try resolveIncident(id, in: index)
      guard let detail = try index.incidentDetail(id: resolved) else { throw ValidationError("no incident \(id)") }
      let writer = EvidenceSetWriter(reader: EvidenceReader(imap: imap.settings))
      let manifest = try writer.write(detail, into: URL(fileURLWithPath: out))
      for message in manifest.messages {
        print("\(message.sha256)  \(message.file)  \(message.messageID ?? message.key)  from \(message.copiedFrom)")
      }
      let c = try options.catalog()
      print(c.text("cli.evidence.written", ["id": manifest.incident, "count": manifest.messages.count, "folder": out]))
    }
  }
}

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check an evidence set: the manifest, every copy and, with --sources, the original mailboxes.",
    discussion: """
      Prints one line per check: OK, CHANGED (with the hash found), GONE or UNREADABLE. Exit status 0 \
      only when everything matches; 1 when something does not; 2 when DIR is not an evidence set.
      """)

  @OptionGroup var imap: IMAPOptions

  @Argument(help: ArgumentHelp("The evidence set's folder.", valueName: "dir"))
  var directory: String

  @Flag(name: .long, help: "Also read every original location again (read-only) and compare it with the manifest.")
  var sources = false

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "Language of the closing lines: ja or en (default: the locale, else en). The check lines keep their English status words.",
      valueName: "code"))
  var lang: String?

  func run() throws {
    var outcome: EvidenceVerification?
    var catalog: MessageCatalog?
    try reporting {
      catalog = try MessageCatalog.load(
        try Language.resolve(option: lang, configured: nil, environment: ProcessInfo.processInfo.environment))
      outcome = try EvidenceVerifier(reader: EvidenceReader(imap: imap.settings))
        .verify(URL(fileURLWithPath: directory), sources: sources)
    }
    guard let outcome, let c = catalog else { throw ExitStatus.failed }
    for item in outcome.items {
      let what: String
      switch item.status {
      case .matches: what = "OK        "
      case .changed(let actual): what = "CHANGED   (now \(actual)) "
      case .gone(let reason): what = "GONE      (\(reason)) "
      case .unreadable(let reason): what = "UNREADABLE (\(reason)) "
      }
      let about = item.message.map { "  [\($0)]" } ?? ""
      print("\(what)\(item.kind.rawValue) \(item.name)\(about)")
    }
    for file in outcome.unexpectedFiles { print(c.text("cli.evidence.unlisted", ["file": file])) }
    let failed = outcome.items.filter { $0.status != .matches }.count
    print(failed == 0
      ? c.text("cli.evidence.allMatch", ["count": outcome.items.count])
      : c.text("cli.evidence.mismatch", ["failed": failed, "count": outcome.items.count]))
    if failed > 0 { throw ExitStatus.newFindings }
  }
}
