/// One message that exposed a looked-up address, and to whom.
public struct LookupMessage: Codable, Sendable, Equatable {
  public var messageID: String?
  public var key: String
  public var date: String?
  public var sender: String?
  public var subject: String?
  public var incidentID: String
  public var location: String
  /// The other parties whose recipients saw the address in this message.
  public var seenByParties: [String]
  /// How many recipients of those parties saw it (its exposed_to).
  public var seenBy: Int
}

/// Everything the index knows about one exposed address: the answer to a
/// data subject who asks "who saw my address?".
public struct AddressLookup: Codable, Sendable, Equatable {
  /// The address as normalised for the search.
  public var address: String
  public var displayName: String?
  public var party: String?
  public var personal: Bool
  public var messages: [LookupMessage]
  /// Incident ids, in the order of their first message.
  public var incidents: [String]
}
