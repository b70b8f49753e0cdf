import Foundation
import TOMLKit

/// What `mailaudit.toml` says. Every setting is optional: what the file
/// leaves out keeps mailaudit's default, and a command-line option
/// overrides the file.
public struct AuditConfiguration: Decodable, Sendable, Equatable {
  /// Cost of one exposed address, for the incident estimate.
  public struct Cost: Decodable, Sendable, Equatable {
    public var pricePerAddress: Double?
    public var currency: String?
    enum CodingKeys: String, CodingKey {
      case pricePerAddress = "price_per_address"
      case currency
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      currency = try c.decodeIfPresent(String.self, forKey: .currency)
      // TOML tells 10000 from 10000.0; a price may be written either way.
      if let whole = try? c.decodeIfPresent(Int.self, forKey: .pricePerAddress) {
        pricePerAddress = Double(whole)
      } else {
        pricePerAddress = try c.decodeIfPresent(Double.self, forKey: .pricePerAddress)
      }
    }
  }

  /// Additions to and removals from the built-in personal-mail providers.
  public struct Providers: Decodable, Sendable, Equatable {
    public var add: [String]?
    public var remove: [String]?
  }

  /// One severity level's thresholds.
  public struct Level: Decodable, Sendable, Equatable {
    public var exposed: Int?
    public var personal: Int?
  }

  /// Severity thresholds by level.
  public struct Severities: Decodable, Sendable, Equatable {
    public var critical: Level?
    public var high: Level?
    public var medium: Level?
  }

  /// An allowlisted group of parties or addresses.
  public struct Allowed: Decodable, Sendable, Equatable {
    public var name: String
    public var members: [String]
  }

  /// The regulator pack's thresholds and deadlines.
  public struct Regulator: Decodable, Sendable, Equatable {
    public var peopleThreshold: Int?
    public var publicBodyThreshold: Int?
    public var gdprHours: Int?
    public var preliminaryDays: Int?
    public var finalDays: Int?
    enum CodingKeys: String, CodingKey {
      case peopleThreshold = "people_threshold"
      case publicBodyThreshold = "public_body_threshold"
      case gdprHours = "gdpr_hours"
      case preliminaryDays = "preliminary_days"
      case finalDays = "final_days"
    }
  }

  public var internalDomains: [String]?
  public var minParties: Int?
  /// The organisation is a public body (lower reporting threshold).
  public var publicBody: Bool?
  /// The organisation's name, printed in the regulator pack.
  public var organisation: String?
  public var personalProviders: Providers?
  public var severity: Severities?
  public var cost: Cost?
  public var allow: [Allowed]?
  /// Exchange legacy DN (X.500) to SMTP address.
  public var x500: [String: String]?
  public var regulator: Regulator?
  /// Language of reports and text output (`en`, `ja`); the `--lang`
  /// option overrides it, and without both the locale decides.
  public var language: String?
  /// IANA time zone every report shows times in (`Asia/Tokyo`); the
  /// `--timezone` option overrides it, and without both the system's zone.
  public var timezone: String?
  /// Who the people of an incident contact about it, written into the
  /// follow-up drafts (`{{contact}}`).
  public var contact: String?
  /// Path patterns naming whose mail a mailbox is
  /// (`/srv/mail/{owner}/Maildir`); see ``OwnerPattern``.
  public var owners: [String]?

  enum CodingKeys: String, CodingKey {
    case internalDomains = "internal_domains"
    case minParties = "min_parties"
    case publicBody = "public_body"
    case organisation
    case personalProviders = "personal_providers"
    case severity, cost, allow, x500, regulator, language, timezone, contact, owners
  }

  /// No file: every default.
  public init() {}

  /// Parses TOML text; `source` names the file in errors.
  public init(toml text: String, source: String) throws {
    do {
      var decoder = TOMLDecoder()
      // A misspelt key must not be ignored silently.
      decoder.strictDecoding = true
      self = try decoder.decode(AuditConfiguration.self, from: text)
    } catch let error as TOMLParseError {
      throw ConfigurationError.syntax(
        file: source, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
    } catch let error as UnexpectedKeysError {
      let keys = error.keys.values.map { path in path.map(\.stringValue).joined(separator: ".") }.sorted()
      throw ConfigurationError.unknownKeys(file: source, keys: keys)
    } catch let error as DecodingError {
      throw ConfigurationError.invalid(file: source, reason: Self.describe(error))
    }
    try validate(source: source)
  }

  /// Reads `path`, or `mailaudit.toml` in `folder` when `path` is nil and
  /// that file exists; no file is the default configuration.
  public static func load(path: String?, folder: String = FileManager.default.currentDirectoryPath) throws
    -> (AuditConfiguration, String?)
  {
    let file = path ?? (folder as NSString).appendingPathComponent("mailaudit.toml")
    guard FileManager.default.fileExists(atPath: file) else {
      if let path { throw ConfigurationError.missing(file: path) }
      return (AuditConfiguration(), nil)
    }
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      throw ConfigurationError.invalid(file: file, reason: "cannot read it as UTF-8 text")
    }
    return (try AuditConfiguration(toml: text, source: file), file)
  }

  private func validate(source: String) throws {
    if let language, Language(code: language) == nil {
      throw ConfigurationError.invalid(
        file: source, reason: "language '\(language)' has no messages; use \(Language.available.joined(separator: " or "))")
    }
    if let timezone, TimeZone(identifier: timezone) == nil {
      throw ConfigurationError.invalid(file: source, reason: "timezone '\(timezone)' is not an IANA time zone name such as Asia/Tokyo")
    }
    if let minParties, minParties < 1 {
      throw ConfigurationError.invalid(file: source, reason: "min_parties must be at least 1")
    }
    if let price = cost?.pricePerAddress, price < 0 {
      throw ConfigurationError.invalid(file: source, reason: "cost.price_per_address must not be negative")
    }
    for pattern in owners ?? [] {
      do {
        _ = try OwnerPattern(pattern)
      } catch {
        throw ConfigurationError.invalid(file: source, reason: error.localizedDescription)
      }
    }
    for group in allow ?? [] where group.members.isEmpty {
      throw ConfigurationError.invalid(file: source, reason: "allow group '\(group.name)' has no members")
    }
    for (name, value) in [
      ("people_threshold", regulator?.peopleThreshold), ("public_body_threshold", regulator?.publicBodyThreshold),
      ("gdpr_hours", regulator?.gdprHours), ("preliminary_days", regulator?.preliminaryDays),
      ("final_days", regulator?.finalDays),
    ] {
      if let value, value < 0 { throw ConfigurationError.invalid(file: source, reason: "regulator.\(name) must not be negative") }
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map(\.stringValue).joined(separator: ".")
    }
    switch error {
    case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)): \(c.debugDescription)"
    case .keyNotFound(let key, let c): return "\(path(c)).\(key.stringValue) is required"
    case .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
    @unknown default: return "\(error)"
    }
  }

  /// The exposure policy this file gives, before command-line overrides.
  public var policy: ExposurePolicy {
    var thresholds = SeverityThresholds()
    func apply(_ level: Level?, to t: inout SeverityThresholds.Threshold) {
      if let e = level?.exposed { t.exposed = e }
      if let p = level?.personal { t.personal = p }
    }
    apply(severity?.critical, to: &thresholds.critical)
    apply(severity?.high, to: &thresholds.high)
    apply(severity?.medium, to: &thresholds.medium)
    return ExposurePolicy(
      internalDomains: internalDomains ?? [], minParties: minParties ?? 2, thresholds: thresholds,
      allowlist: (allow ?? []).map { AllowedGroup(name: $0.name, members: Set($0.members)) },
      x500Map: x500 ?? [:])
  }

  /// The policy this file gives with the command line's settings over it:
  /// `internalDomains` replaces the file's list when not empty, and
  /// `minParties` its value when given.
  public func policy(internalDomains: [String] = [], minParties: Int? = nil) -> ExposurePolicy {
    var policy = self.policy
    if !internalDomains.isEmpty { policy.internalDomains = internalDomains.map { $0.lowercased() } }
    if let minParties { policy.minParties = minParties }
    return policy
  }

  /// Who owns the mailboxes scanned: `owner` (`--owner`) when given, else
  /// this file's `owners` patterns.
  public func mailboxOwners(owner: String? = nil) throws -> MailboxOwners {
    MailboxOwners(owner: owner, patterns: try (owners ?? []).map(OwnerPattern.init))
  }

  /// The regulator pack settings this file gives.
  public var regulatorSettings: RegulatorSettings {
    var s = RegulatorSettings()
    if let v = publicBody { s.publicBody = v }
    if let v = organisation { s.organisation = v }
    if let v = regulator?.peopleThreshold { s.peopleThreshold = v }
    if let v = regulator?.publicBodyThreshold { s.publicBodyThreshold = v }
    if let v = regulator?.gdprHours { s.gdprHours = v }
    if let v = regulator?.preliminaryDays { s.preliminaryDays = v }
    if let v = regulator?.finalDays { s.finalDays = v }
    s.pricePerAddress = cost?.pricePerAddress
    s.currency = cost?.currency ?? s.currency
    return s
  }

  /// The domain catalogue with this file's provider changes.
  public func catalog() throws -> DomainCatalog {
    try DomainCatalog.load(
      addingProviders: personalProviders?.add ?? [], removingProviders: personalProviders?.remove ?? [])
  }
}

/// Why the configuration file cannot be used.
public enum ConfigurationError: LocalizedError, Equatable {
  case missing(file: String)
  case syntax(file: String, line: Int, column: Int, reason: String)
  case unknownKeys(file: String, keys: [String])
  case invalid(file: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .missing(let file): "no configuration file \(file)"
    case .syntax(let file, let line, let column, let reason): "\(file):\(line):\(column): \(reason)"
    case .unknownKeys(let file, let keys): "\(file): unknown setting \(keys.joined(separator: ", "))"
    case .invalid(let file, let reason): "\(file): \(reason)"
    }
  }
}
