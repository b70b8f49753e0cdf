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

  public init(policy: ExposurePolicy, internalDomains: InternalDomainSet, catalog: DomainCatalog) {
    self.policy = policy
    self.internalDomains = internalDomains
    self.catalog = catalog
  }

  public func analyze(_ message: SentMessage) -> Outcome {
    struct External {
      var recipient: VisibleRecipient
      var party: String
      var personal: Bool
    }
    var externals: [External] = []
    var partySizes: [String: Int] = [:]
    for recipient in message.recipients {
      let domain = String(recipient.domain)
      if internalDomains.contains(domain) { continue }
      guard let classified = catalog.classify(address: recipient.address) else { continue }
      let party = classified.party.label
      externals.append(External(recipient: recipient, party: party, personal: classified.isPersonal))
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
        personal: $0.personal, exposedTo: total - (partySizes[$0.party] ?? 0))
    }
    let personal = exposed.filter(\.personal).count
    return .exposure(
      ExposureFinding(
        messageKey: message.key,
        severity: policy.thresholds.severity(exposed: total, personal: personal),
        reply: message.isReply, visibleRecipients: message.recipients.count, exposed: exposed,
        parties: partySizes.count))
  }

  private func isAllowed(_ recipient: VisibleRecipient, party: String, in group: AllowedGroup) -> Bool {
    if group.members.contains(recipient.address) || group.members.contains(party) { return true }
    let domain = String(recipient.domain)
    return group.members.contains(domain)
      || group.members.contains(catalog.organisation(of: domain))
  }
}
