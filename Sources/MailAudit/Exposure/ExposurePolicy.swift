/// A named set of parties or addresses that may see each other.
public struct AllowedGroup: Codable, Sendable, Hashable {
  /// The name shown in reports ("board", "joint project").
  public var name: String
  /// Registrable domains (`acme.example`) or normalised addresses.
  public var members: Set<String>

  public init(name: String, members: Set<String>) {
    self.name = name
    self.members = Set(members.map { $0.lowercased() })
  }
}

/// What the analysis needs to know besides the mail: who is internal, the
/// thresholds, what is allowed.
public struct ExposurePolicy: Sendable, Hashable, Codable {
  /// Configured internal domains; empty means infer them from senders.
  public var internalDomains: [String]
  /// Minimum distinct external parties for a message to be an exposure.
  public var minParties: Int
  public var thresholds: SeverityThresholds
  public var allowlist: [AllowedGroup]
  /// Exchange X.500 legacy addresses to the SMTP addresses they stand for,
  /// keyed by ``X500Address/key(_:)``; unmapped ones cannot be classified.
  public var x500Map: [String: String]

  public init(
    internalDomains: [String] = [], minParties: Int = 2,
    thresholds: SeverityThresholds = SeverityThresholds(), allowlist: [AllowedGroup] = [],
    x500Map: [String: String] = [:]
  ) {
    self.internalDomains = internalDomains.map { $0.lowercased() }
    self.minParties = minParties
    self.thresholds = thresholds
    self.allowlist = allowlist
    self.x500Map = Dictionary(
      x500Map.map { (X500Address.key($0.key), $0.value.lowercased()) }, uniquingKeysWith: { first, _ in first })
  }
}

/// The internal domains an analysis used, and whether they were inferred.
public struct InternalDomainSet: Sendable, Hashable, Codable {
  /// Lower-case ASCII (IDNA) domains, sorted.
  public let domains: [String]
  /// True when inferred from From addresses rather than configured.
  public let inferred: Bool
  /// For inferred domains: how many messages were sent from each.
  public let senderCounts: [String: Int]
  private let lookup: InternalDomains

  /// `domains` as configured or inferred; Unicode domains are converted to
  /// their ASCII form (an entry IDNA rejects is kept lower-cased, matching
  /// nothing rather than failing an analysis; configuration is checked
  /// where it is read).
  public init(domains: [String], inferred: Bool, senderCounts: [String: Int] = [:]) {
    lookup =
      (try? InternalDomains(configured: domains))
      ?? InternalDomains(inferred: domains.map { InferredDomain(domain: $0.lowercased(), messageCount: 0) })
    self.domains = lookup.domains
    self.inferred = inferred
    self.senderCounts = senderCounts
  }

  /// True when `domain` (ASCII, lower-case) is one of the domains or a
  /// subdomain of one.
  public func contains(_ domain: String) -> Bool { lookup.contains(domain) }

  enum CodingKeys: String, CodingKey { case domains, inferred, senderCounts }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      domains: try c.decode([String].self, forKey: .domains), inferred: try c.decode(Bool.self, forKey: .inferred),
      senderCounts: try c.decode([String: Int].self, forKey: .senderCounts))
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(domains, forKey: .domains)
    try c.encode(inferred, forKey: .inferred)
    try c.encode(senderCounts, forKey: .senderCounts)
  }
}
