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
  public var domains: [String]
  /// True when inferred from From addresses rather than configured.
  public var inferred: Bool
  /// For inferred domains: how many messages were sent from each.
  public var senderCounts: [String: Int]

  public init(domains: [String], inferred: Bool, senderCounts: [String: Int] = [:]) {
    self.domains = domains.map { $0.lowercased() }.sorted()
    self.inferred = inferred
    self.senderCounts = senderCounts
  }

  /// True when `domain` (ASCII, lower-case) is one of the domains or a
  /// subdomain of one.
  public func contains(_ domain: String) -> Bool {
    domains.contains { domain == $0 || domain.hasSuffix("." + $0) }
  }
}
