import MailParsing

/// One address that every recipient of a message could see.
public struct VisibleRecipient: Hashable, Sendable, Codable {
  /// Normalised address (`local@ascii-domain`, lower-case).
  public var address: String
  /// Display name as decoded from the header, if any.
  public var displayName: String?

  public init(address: String, displayName: String? = nil) {
    self.address = address
    self.displayName = displayName
  }

  /// The ASCII domain of ``address``.
  public var domain: Substring {
    guard let at = address.lastIndex(of: "@") else { return "" }
    return address[address.index(after: at)...]
  }
}

/// The visible recipients of a message, as the rules define them: To, Cc,
/// Resent-To and Resent-Cc (group members included), each address once.
/// Bcc and Resent-Bcc are never visible.
public struct VisibleRecipients: Sendable, Hashable {
  /// Recipients in header order, each normalised address once.
  public var recipients: [VisibleRecipient]
  /// Entries that could not be read as an address (raw text), including
  /// addresses whose domain could not be normalised.
  public var unreadable: [String]

  public init(recipients: [VisibleRecipient], unreadable: [String] = []) {
    self.recipients = recipients
    self.unreadable = unreadable
  }

  /// Collects the visible recipients of `headers`.
  public init(_ headers: MessageHeaders) {
    var position: [String: Int] = [:]
    var recipients: [VisibleRecipient] = []
    var unreadable: [String] = []
    for address in headers.to + headers.cc + headers.resentTo + headers.resentCc {
      guard let normalized = address.normalized else {
        unreadable.append(address.addrSpec)
        continue
      }
      let name = address.displayName.flatMap { $0.isEmpty ? nil : $0 }
      if let i = position[normalized] {
        // Listed twice: keep the first display name given.
        if recipients[i].displayName == nil { recipients[i].displayName = name }
      } else {
        position[normalized] = recipients.count
        recipients.append(VisibleRecipient(address: normalized, displayName: name))
      }
    }
    self.init(recipients: recipients, unreadable: unreadable)
  }
}
