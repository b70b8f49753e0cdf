import ArgumentParser
import Foundation
import MailAudit
import MailIMAP

/// Options of the commands that analyse: where the index is (and the
/// configuration), what is internal, what is printed.
struct CommonOptions: ParsableArguments {
  @OptionGroup var store: IndexOptions

  @Option(
    name: .customLong("internal-domain"),
    help: ArgumentHelp(
      "A domain of your organisation; subdomains included. Repeat for several. Without it, internal domains are inferred from the senders.",
      valueName: "domain"))
  var internalDomains: [String] = []

  @Option(name: .customLong("min-parties"), help: "External parties a message must expose to each other to be a finding (default 2).")
  var minParties: Int?

  @Flag(name: .long, help: "Print nothing but errors (and the --json line).")
  var quiet = false

  @Flag(name: .long, help: "Print one machine-readable JSON summary line on stdout.")
  var json = false

  func validate() throws {
    try store.validate()
    if let minParties, minParties < 1 { throw ValidationError("--min-parties must be at least 1.") }
    for domain in internalDomains {
      do {
        _ = try InternalDomains(configured: [domain])
      } catch {
        throw ValidationError("--internal-domain takes a domain such as example.com or 例え.jp, not '\(domain)'.")
      }
    }
  }

  /// The auditor over the index; `creatingSchema` false for `report`,
  /// which reads the mail already indexed (see ``StoreLocation/open(creatingSchema:passwordPrompt:)``).
  func auditor(creatingSchema: Bool = true) throws -> Auditor {
    let index = try store.storeLocation.openAsking(creatingSchema: creatingSchema)
    let file = try store.configuration()
    return Auditor(
      index: index, policy: file.policy(internalDomains: internalDomains, minParties: minParties),
      catalog: try file.catalog())
  }
}

/// Options of the commands that write reports.
struct ReportOptionGroup: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
  var out: String = "reports"

  @Flag(name: .long, help: "Write CSV for Excel: UTF-8 with BOM and CRLF line ends.")
  var excel = false

  @Flag(
    name: .long,
    help: "Mask addresses (t***@gmail.com#token, the same token in every report of this index) in the summary, findings.csv and JSON, to share them. exposed-addresses.csv, the notification list, stays in clear.")
  var mask = false

  @Option(
    name: .long, parsing: .upToNextOption,
    help: ArgumentHelp("Report formats to write, any of: csv, html, json (JSON Lines).", valueName: "format"))
  var format: [String] = ["csv", "html"]

  func validate() throws {
    for f in format where Auditor.writers[f] == nil {
      throw ValidationError("unknown report format '\(f)'; use csv, html or json.")
    }
  }

  func options(language: Language) -> ReportOptions { ReportOptions(excel: excel, mask: mask, language: language) }
}

/// Options of the commands that scan.
struct ScanOptionGroup: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Mailboxes: mbox files, Maildir folders, .eml and Outlook .msg files, Outlook .pst/.ost stores, folders holding several, or IMAP folders as imap://user@host[:port]/Sent (password from $MAILAUDIT_IMAP_PASSWORD or asked on the terminal), or imap://user;AUTH=XOAUTH2@host/Sent to sign in with an OAuth 2.0 token (see --imap-auth).",
      valueName: "path"))
  var paths: [String]

  @OptionGroup var imap: IMAPOptions

  @OptionGroup var organisation: OrganisationOptions

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp("Exit 1 when this run found new findings at or above this severity (low, medium, high, critical).", valueName: "severity"))
  var failOn: Severity = .low

  @Flag(
    name: .customLong("all-labels"),
    help: "In a Gmail Takeout export, audit every message, not only those labelled Sent.")
  var allLabels = false

  @Flag(
    name: .customLong("all-folders"),
    help: "In an Outlook .pst/.ost, audit every mail folder, not only Sent Items.")
  var allFolders = false

  @Option(name: .customLong("batch-size"), help: .hidden)
  var batchSize: Int = 2000

  func validate() throws {
    if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
    try organisation.validate(paths: paths, master: imap.imapMaster)
    for path in paths where !IMAPFolderAddress.isIMAPURL(path) && !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
  }

  var failOnSeverity: Severity { failOn }

  var imapSettings: IMAPScanSettings {
    var settings = imap.settings
    settings.masterScan = organisation.masterScan
    return settings
  }
}

/// How IMAP folders are reached: by `scan`/`audit`, and by the commands that
/// read messages again for evidence.
struct IMAPOptions: ParsableArguments {
  @Option(
    name: .customLong("imap-ca"),
    help: ArgumentHelp("A PEM file of CA certificates to trust for IMAP instead of the system's (default: $MAILAUDIT_IMAP_CA).", valueName: "file"))
  var imapCA: String?

  @Flag(name: .customLong("starttls"), help: "Connect to IMAP in plain text on port 143 and upgrade with STARTTLS (default: TLS on 993).")
  var startTLS = false

  @Option(
    name: .customLong("imap-auth"),
    help: ArgumentHelp(
      "How to sign in to IMAP: with a password, or with an OAuth 2.0 token (xoauth2, oauthbearer). An address's ;AUTH=XOAUTH2 or ;AUTH=OAUTHBEARER wins over it.",
      valueName: "method"))
  var imapAuth: IMAPAuthMethod = .password

  @Option(
    name: .customLong("imap-token-command"),
    help: ArgumentHelp(
      "A shell command that prints an OAuth 2.0 access token, run for each IMAP connection (default: the token from --imap-token-file, else $MAILAUDIT_IMAP_TOKEN, else asked on the terminal).",
      valueName: "command"))
  var imapTokenCommand: String?

  @Option(
    name: .customLong("imap-token-file"),
    help: ArgumentHelp(
      "A file holding an OAuth 2.0 access token, read again for each IMAP connection (keep it readable by you only).",
      valueName: "file"))
  var imapTokenFile: String?

  @Option(
    name: .customLong("imap-master"),
    help: ArgumentHelp(
      "Sign in to IMAP as this Dovecot master user on behalf of each folder's user (AUTHENTICATE PLAIN; the master's password from $MAILAUDIT_IMAP_PASSWORD, else asked once on the terminal).",
      valueName: "login"))
  var imapMaster: String?

  func validate() throws {
    if imapMaster != nil && imapAuth != .password {
      throw ValidationError("--imap-master signs in with the master's password, not with --imap-auth \(imapAuth.rawValue).")
    }
    if imapTokenCommand != nil && imapTokenFile != nil {
      throw ValidationError("--imap-token-command and --imap-token-file cannot be used together.")
    }
  }

  /// IMAP settings from the options and the environment. The password or
  /// token is read from the environment, the token command or the terminal
  /// only when a connection needs it, and never kept.
  var settings: IMAPScanSettings {
    let ca = imapCA ?? ProcessInfo.processInfo.environment["MAILAUDIT_IMAP_CA"]
    let chosen = imapAuth
    let tokenSource = imapTokenCommand.map(TokenSource.command) ?? imapTokenFile.map(TokenSource.file)
    if let master = imapMaster {
      let connection = IMAPConnectionOptions(startTLS: startTLS, caFile: ca)
      // Asked once for all the folders and users of this run.
      let secret = OnceAskedSecret {
        try Self.password(prompt: "IMAP password of the master user \(master): ", account: "the master user \(master)")
      }
      return IMAPScanSettings(connection: connection, credential: { _ in .master(master, password: try secret.value()) })
    }
    return IMAPScanSettings(
      connection: IMAPConnectionOptions(startTLS: startTLS, caFile: ca),
      credential: { address in
        guard let mechanism = (address.authMethod ?? chosen).mechanism else {
          return .password(try Self.password(for: address))
        }
        return .token(try Self.token(for: address, from: tokenSource), mechanism)
      })
  }

  private static func password(for address: IMAPFolderAddress) throws -> String {
    try password(prompt: "IMAP password for \(address.account): ", account: address.account)
  }

  private static func password(prompt: String, account: String) throws -> String {
    if let password = ProcessInfo.processInfo.environment[IMAPScanSettings.passwordVariable] { return password }
    guard isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) else {
      throw IMAPScanError.noPassword(account: account)
    }
    return String(cString: typed)
  }

  /// The token command's or file's token, else the environment's, else one
  /// typed (unseen) on the terminal.
  private static func token(for address: IMAPFolderAddress, from source: TokenSource?) throws -> OAuthToken {
    if let source { return try source.token(for: address) }
    if ProcessInfo.processInfo.environment[IMAPScanSettings.tokenVariable] != nil {
      return try TokenSource.environment(IMAPScanSettings.tokenVariable).token(for: address)
    }
    guard isatty(STDIN_FILENO) == 1, let typed = TerminalPrompt.secret("OAuth access token for \(address.account): ")
    else { throw IMAPScanError.noToken(account: address.account) }
    guard let token = OAuthToken(typed) else {
      throw IMAPScanError.notAToken(account: address.account, source: "the terminal")
    }
    return token
  }
}

/// `--fail-on high`: ArgumentParser parses it and lists the values in help
/// and in the error for a wrong one.
extension Severity: ExpressibleByArgument {}

/// `--imap-auth XOAUTH2` as well as `xoauth2`: SASL names are upper case.
extension IMAPAuthMethod: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
