/// The domains whose addresses are internal (exposure-rules.md,
/// "Internal"): a domain equal to one of them or a subdomain of one.
/// Internal recipients never count towards an exposure.
public struct InternalDomains: Hashable, Sendable {
  /// The domains in force, lower-case ASCII, sorted.
  public let domains: [String]
  private let lookup: Set<String>

  /// Internal domains as configured (`corp.example`, `@corp.example`,
  /// Unicode allowed).
  ///
  /// - Throws: ``InvalidDomainError`` for an entry that is not a domain name.
  public init(configured: [String]) throws(InvalidDomainError) {
    var normalized: Set<String> = []
    for domain in configured {
      normalized.insert(try ConfiguredDomain.normalize(domain, setting: "internal_domains"))
    }
    self.init(normalized: normalized)
  }

  /// The internal domains inferred from senders (see ``infer(fromSenderDomains:catalog:)``).
  public init(inferred: [InferredDomain]) {
    self.init(normalized: Set(inferred.map(\.domain)))
  }

  private init(normalized: Set<String>) {
    self.lookup = normalized
    self.domains = normalized.sorted()
  }

  /// Whether `domain` (lower-case ASCII) is internal: an entry or a
  /// subdomain of one, so `eu.corp.example` is under `corp.example` and
  /// `notcorp.example` is not.
  public func contains(_ domain: String) -> Bool {
    DomainSuffixes(domain).contains { lookup.contains(String($0)) }
  }

  /// The internal domains implied by who sent the scanned mail: the
  /// organisation domain (registrable, or the whole domain when it has
  /// none) of each sender domain, leaving out personal-mail providers,
  /// sorted by domain, each with how many messages it came from.
  ///
  /// - Parameter senderDomains: one From domain per message, lower-case
  ///   ASCII; empty ones are skipped (the message's own problem says why).
  public static func infer(
    fromSenderDomains senderDomains: some Sequence<String>, catalog: DomainCatalog
  ) -> [InferredDomain] {
    var counts: [String: Int] = [:]
    for domain in senderDomains where !domain.isEmpty && !catalog.providers.contains(domain) {
      counts[catalog.organisation(of: domain), default: 0] += 1
    }
    return counts.map { InferredDomain(domain: $0.key, messageCount: $0.value) }
      .sorted { $0.domain < $1.domain }
  }
}

/// One internal domain inferred from senders, with its evidence, so the
/// report can state what was inferred.
public struct InferredDomain: Hashable, Sendable, Codable {
  /// The registrable domain (or the whole domain when it has none).
  public var domain: String
  /// How many messages were sent from it or its subdomains.
  public var messageCount: Int

  /// An inferred domain with its message count.
  public init(domain: String, messageCount: Int) {
    self.domain = domain
    self.messageCount = messageCount
  }
}
