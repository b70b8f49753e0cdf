/// Who an external address belongs to (exposure-rules.md, "Party"): an
/// exposure is a message whose external recipients belong to two or more.
public enum Party: Hashable, Sendable, Codable {
  /// A private individual: an address at a personal-mail provider is its
  /// own party.
  case person(address: String)
  /// An organisation: every address under one registrable domain.
  case organisation(domain: String)

  /// The address or the domain, as reports show the party.
  public var label: String {
    switch self {
    case .person(let address): address
    case .organisation(let domain): domain
    }
  }

  /// Whether the party is a private individual.
  public var isPerson: Bool {
    if case .person = self { return true }
    return false
  }
}
