import MailParsing

/// Decides whether a message is an exposure: a pure function of the
/// message, the policy and the domain catalogue.
public struct ExposureAnalyzer: Sendable {
  /// What the analysis concluded for one message.
  public enum Outcome: Hashable, Sendable {
    /// Fewer than `minParties` external parties could see each other.
    case noExposure
    /// An exposure, but every external recipient is in one allowed group.
    case allowed(group: String)
    case exposure(ExposureFinding)
  }

  public let policy: ExposurePolicy
  public let internalDomains: InternalDomainSet
  public let catalog: DomainCatalog

  /// What a recipient's domain is, worked out once per domain: mail repeats
  /// a few domains many times, and the Public Suffix List walk allocates.
  enum DomainClass: Sendable {
    case `internal`
    case personal
    case organisation(String)
  }
  private var classes: [Substring: DomainClass] = [:]

  public init(policy: ExposurePolicy, internalDomains: InternalDomainSet, catalog: DomainCatalog) {
    self.policy = policy
    self.internalDomains = internalDomains
    self.catalog = catalog
  }

  /// The recipients with X.500 addresses replaced by their mapped SMTP
  /// address (each address once); unmapped X.500 addresses are left out:
  /// the scan counted them as problems.
  /// Each with its index in `recipients`: the index keeps its display name.
  /// Nil when no address is an X.500 one: the recipients stand as they are
  /// (the common case, without copying them).
  func resolved(_ recipients: [VisibleRecipient]) -> [(index: Int, recipient: VisibleRecipient)]? {
    guard recipients.contains(where: { X500Address.isMarked($0.address) }) else { return nil }
    var seen = Set<String>()
    var out: [(index: Int, recipient: VisibleRecipient)] = []
    for (index, recipient) in recipients.enumerated() {
      var r = recipient
      if X500Address.isMarked(r.address) {
        guard let mapped = policy.x500Map[r.address] else { continue }
        r.address = mapped
      }
      if seen.insert(r.address).inserted { out.append((index, r)) }
    }
    return out
  }

  /// The class of `domain`, from the cache or worked out and cached.
  private mutating func domainClass(_ domain: Substring) -> DomainClass {
    if let known = classes[domain] { return known }
    let text = String(domain)
    let result: DomainClass
    if internalDomains.contains(text) {
      result = .internal
    } else if catalog.providers.contains(text) {
      result = .personal
    } else {
      result = .organisation(catalog.organisation(of: text))
    }
    classes[domain] = result
    return result
  }

  /// Analyses one message. Mutating only to remember domain classes.
  public mutating func analyze(_ message: SentMessage) -> Outcome {
    struct External {
      var index: Int
      var recipient: VisibleRecipient
      var party: String
      var personal: Bool
    }
    let mapped = resolved(message.recipients)
    let visibleCount = mapped?.count ?? message.recipients.count
    var externals: [External] = []
    externals.reserveCapacity(visibleCount)
    var partySizes: [String: Int] = [:]
    for position in 0..<visibleCount {
      var (index, recipient) = mapped?[position] ?? (position, message.recipients[position])
      // A message stored by a build that kept a local part as written in
      // Unicode is read in today's form, so that a full analysis and an
      // incremental one, which looks addresses up by their bytes, see one
      // address (see Address.normalized).
      recipient.address = Address.canonical(normalized: recipient.address)
      // Each address at a personal-mail provider is its own party.
      let party: String
      let personal: Bool
      switch domainClass(recipient.domain) {
      case .internal: continue
      case .personal: (party, personal) = (recipient.address, true)
      case .organisation(let organisation): (party, personal) = (organisation, false)
      }
      externals.append(External(index: index, recipient: recipient, party: party, personal: personal))
      partySizes[party, default: 0] += 1
    }
    guard partySizes.count >= max(policy.minParties, 1) else { return .noExposure }

    if let group = policy.allowlist.first(where: { group in
      externals.allSatisfy { isAllowed($0.recipient, party: $0.party, in: group) }
    }) {
      return .allowed(group: group.name)
    }

    let total = externals.count
    let exposed = externals.map {
      ExposedAddress(
        address: $0.recipient.address, displayName: $0.recipient.displayName, party: $0.party,
        personal: $0.personal, exposedTo: total - (partySizes[$0.party] ?? 0), recipientIndex: $0.index)
    }
    let personal = externals.count(where: \.personal)
    return .exposure(
      ExposureFinding(
        messageKey: message.key,
        severity: policy.thresholds.severity(exposed: total, personal: personal),
        reply: message.isReply, visibleRecipients: visibleCount, exposed: exposed,
        parties: partySizes.count))
  }

  private func isAllowed(_ recipient: VisibleRecipient, party: String, in group: AllowedGroup) -> Bool {
    if group.members.contains(recipient.address) || group.members.contains(party) { return true }
    let domain = String(recipient.domain)
    return group.members.contains(domain)
      || group.members.contains(catalog.organisation(of: domain))
  }
}
