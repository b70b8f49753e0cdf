// Interim domain classification, replaced by Domains/ when it lands.
public enum Party: Hashable, Sendable, Codable {
  case person(address: String)
  case organisation(domain: String)
  public var label: String {
    switch self {
    case .person(let a): a
    case .organisation(let d): d
    }
  }
}

public struct DomainCatalog: Sendable {
  let providers: Set<String> = ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.com", "hotmail.com", "icloud.com"]
  public init() {}
  public var suffixListSource: String { "interim" }
  public static func load() -> DomainCatalog { DomainCatalog() }
  public func registrableDomain(of domain: String) -> String? {
    let labels = domain.split(separator: ".")
    if labels.count >= 3, ["co", "ne", "or", "ac", "go"].contains(labels[labels.count - 2]) {
      return labels.suffix(3).joined(separator: ".")
    }
    return labels.suffix(2).joined(separator: ".")
  }
  public func isPersonalProvider(_ domain: String) -> Bool {
    providers.contains { domain == $0 || domain.hasSuffix("." + $0) }
  }
  public func party(ofAddress address: String, domain: String) -> (party: Party, personal: Bool) {
    if isPersonalProvider(domain) { return (.person(address: address), true) }
    return (.organisation(domain: registrableDomain(of: domain) ?? domain), false)
  }
}
