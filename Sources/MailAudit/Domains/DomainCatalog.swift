/// What mailaudit knows about domains: the Public Suffix List and the
/// personal-mail providers. It answers which party an address belongs to.
public struct DomainCatalog: Sendable {
  /// The public suffixes, to find registrable domains.
  public var suffixes: PublicSuffixList
  /// The personal-mail providers, built-in and configured.
  public var providers: PersonalMailProviders

  /// A catalog of the given list and providers.
  public init(suffixes: PublicSuffixList, providers: PersonalMailProviders = .builtIn) {
    self.suffixes = suffixes
    self.providers = providers
  }

  /// The party of a normalised address (`local@ascii-domain`, as
  /// `Address.normalized` gives it), and whether it is personal.
  ///
  /// The domain is what follows the last `@`, since a quoted local part may
  /// hold one. Nil when there is no `@`: that is not a normalised address,
  /// and the caller has already counted it as unparseable.
  public func classify(address: String) -> PartyClassification? {
    guard let at = address.lastIndex(of: "@") else { return nil }
    let domain = String(address[address.index(after: at)...])
    if providers.contains(domain) {
      return PartyClassification(party: .person(address: address), domain: domain)
    }
    return PartyClassification(party: .organisation(domain: organisation(of: domain)), domain: domain)
  }

  /// The domain that stands for every address under `domain`: its
  /// registrable domain, or, when it has none (a bare TLD, `localhost`, an
  /// address literal `[1.2.3.4]`), the whole domain, which is then its own
  /// party: nothing groups it with anything else.
  /// Sender domains' message counts summed per organisation, personal-mail
  /// providers left out: what internal domains are inferred from.
  public func organisationCounts(_ senderDomains: [String: Int]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for (domain, count) in senderDomains where !domain.isEmpty && !providers.contains(domain) {
      counts[organisation(of: domain), default: 0] += count
    }
    return counts
  }

  public func organisation(of domain: String) -> String {
    suffixes.registrableDomain(of: domain) ?? domain
  }
}

/// The party of one address and what the report needs to know about it.
public struct PartyClassification: Hashable, Sendable, Codable {
  /// The party the address belongs to.
  public var party: Party
  /// The address's domain as given.
  public var domain: String

  /// A classification of an address at `domain` into `party`.
  public init(party: Party, domain: String) {
    self.party = party
    self.domain = domain
  }

  /// Whether the address is at a personal-mail provider.
  public var isPersonal: Bool { party.isPerson }
}

extension DomainCatalog {
  /// The catalogue mailaudit runs with: the system's Public Suffix List (or
  /// the bundled snapshot) and the built-in providers plus configured ones.
  public static func load(addingProviders: [String] = [], removingProviders: [String] = []) throws -> DomainCatalog {
    DomainCatalog(
      suffixes: try PublicSuffixList.load(),
      providers: try PersonalMailProviders(adding: addingProviders, removing: removingProviders))
  }
}
