/// One address as the sender's mail client wrote it, with its normalised form.
public struct Address: Hashable, Sendable, Codable {
  /// Display name after RFC 2047 decoding, if any.
  public var displayName: String?
  /// Local part as written (a quoted local part that is a dot-atom unquoted).
  public var localPart: String
  /// Domain as written (Unicode or ASCII).
  public var domain: String
  /// Name of the group the address was listed in (`Team: a@x, b@y;`).
  public var group: String?

  public init(displayName: String? = nil, localPart: String, domain: String, group: String? = nil) {
    self.displayName = displayName
    self.localPart = localPart
    self.domain = domain
    self.group = group
  }

  /// `local@domain` as written.
  public var addrSpec: String { "\(localPart)@\(domain)" }
}

/// The result of reading one address-list field (To, Cc, ...).
public struct AddressList: Hashable, Sendable {
  /// Every address read, group members included, in order.
  public var addresses: [Address]
  /// Raw text of entries that could not be read as an address.
  public var unreadable: [String]
  /// Names of groups found, including empty ones (`undisclosed-recipients`).
  public var groups: [String]

  /// Raw text of Exchange X.500 legacy addresses (`/O=.../CN=...`,
  /// `IMCEAEX-...`), which name a mailbox without giving its address.
  public var x500Addresses: [String] = []
  /// Problems met decoding display and group names (RFC 2047, charsets).
  public var decodingIssues: [DecodingIssue] = []

  public init(addresses: [Address] = [], unreadable: [String] = [], groups: [String] = []) {
    self.addresses = addresses
    self.unreadable = unreadable
    self.groups = groups
  }
}
