import Foundation
import MailAudit

/// What `mailaudit serve` was asked for: where to listen, which index,
/// and the settings the CLI commands would use.
public struct ConsoleSettings: Sendable {
  /// The address to listen on; loopback unless the user gave `--host`.
  public var host: String
  /// 0: any free port (the URL printed names the one chosen).
  public var port: Int
  /// The language of every page; nil: the browser's `Accept-Language`,
  /// else ``defaultLanguage``.
  public var language: Language?
  /// The language when neither the option nor the browser decides.
  public var defaultLanguage: Language
  public var zone: ReportTimeZone
  /// Thresholds, deadlines, cost and the organisation, as `incident` uses.
  public var regulator: RegulatorSettings
  /// Signs the apology drafts; without it the drafts download explains
  /// how to set it.
  public var organisation: String?
  public var contact: String?
  /// Checks the drafts before they are offered (as `notify` does).
  public var domains: DomainCatalog
  /// Folder searched for `notify-template.LANG.txt` (as `notify` does).
  public var templateFolder: URL

  public init(
    host: String = "127.0.0.1", port: Int = 0, language: Language? = nil, defaultLanguage: Language = .english,
    zone: ReportTimeZone = .utc, regulator: RegulatorSettings = RegulatorSettings(), organisation: String? = nil,
    contact: String? = nil, domains: DomainCatalog,
    templateFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  ) {
    self.host = host
    self.port = port
    self.language = language
    self.defaultLanguage = defaultLanguage
    self.zone = zone
    self.regulator = regulator
    self.organisation = organisation
    self.contact = contact
    self.domains = domains
    self.templateFolder = templateFolder
  }

  /// True for addresses only this machine can reach.
  public static func isLoopback(_ host: String) -> Bool {
    let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return h == "localhost" || h == "::1" || h.hasPrefix("127.")
  }
}
