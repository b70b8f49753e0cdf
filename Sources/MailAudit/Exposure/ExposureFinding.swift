/// One external address exposed by a finding.
public struct ExposedAddress: Hashable, Sendable, Codable {
  public var address: String
  public var displayName: String?
  /// The party's label: the address itself (personal) or the registrable domain.
  public var party: String
  public var personal: Bool
  /// How many external visible recipients of another party could see it.
  public var exposedTo: Int
  /// Where the address stands among the message's stored visible
  /// recipients: the index keeps its display name there, not twice.
  public var recipientIndex: Int

  public init(
    address: String, displayName: String?, party: String, personal: Bool, exposedTo: Int, recipientIndex: Int = 0
  ) {
    self.address = address
    self.displayName = displayName
    self.party = party
    self.personal = personal
    self.exposedTo = exposedTo
    self.recipientIndex = recipientIndex
  }

  enum CodingKeys: String, CodingKey { case address, displayName, party, personal, exposedTo }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      address: try c.decode(String.self, forKey: .address),
      displayName: try c.decodeIfPresent(String.self, forKey: .displayName),
      party: try c.decode(String.self, forKey: .party), personal: try c.decode(Bool.self, forKey: .personal),
      exposedTo: try c.decode(Int.self, forKey: .exposedTo))
  }
}

/// A message that exposed external recipients of two or more parties to
/// each other (see the exposure rules).
public struct ExposureFinding: Hashable, Sendable, Codable {
  /// The message's key in the index (Message-ID or header hash).
  public var messageKey: String
  public var severity: Severity
  /// The message is a reply, so the list may have been exposed first by someone else.
  public var reply: Bool
  /// Count of visible recipients, internal ones included.
  public var visibleRecipients: Int
  /// Every external visible recipient, each once, in header order.
  public var exposed: [ExposedAddress]
  /// Count of distinct external parties.
  public var parties: Int

  public init(messageKey: String, severity: Severity, reply: Bool, visibleRecipients: Int, exposed: [ExposedAddress], parties: Int) {
    self.messageKey = messageKey
    self.severity = severity
    self.reply = reply
    self.visibleRecipients = visibleRecipients
    self.exposed = exposed
    self.parties = parties
  }

  /// Exposed addresses at personal-mail providers.
  public var personalCount: Int { exposed.count(where: \.personal) }
}
