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
    // On UTF-8 bytes: `@` is ASCII, so its byte index is a Character
    // boundary; the Character search cost 3% of the analysis.
    guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return "" }
    return address[address.utf8.index(after: at)...]
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
  ///
  /// Borrowed: an initialiser owns its arguments unless told otherwise,
  /// and a scan, which goes on using the headers, copied every field of
  /// them to call it.
  public init(_ headers: borrowing MessageHeaders) {
    let listed = headers.to.count + headers.cc.count + headers.resentTo.count + headers.resentCc.count
    var positions = RecipientPositions(expected: listed + headers.visibleX500.count)
    var recipients: [VisibleRecipient] = []
    recipients.reserveCapacity(listed)
    var unreadable: [String] = []
    // Each list walked where it is: gathered into an array literal first,
    // the four lists were copied into a new array for every message.
    func collect(_ list: [Address]) {
      for address in list {
        guard let normalized = address.normalized else {
          unreadable.append(address.addrSpec)
          continue
        }
        let name = address.displayName.flatMap { $0.isEmpty ? nil : $0 }
        if let i = positions.index(of: normalized, in: recipients) {
          // Listed twice: keep the first display name given.
          if recipients[i].displayName == nil { recipients[i].displayName = name }
        } else {
          positions.add(normalized, at: recipients.count)
          recipients.append(VisibleRecipient(address: normalized, displayName: name))
        }
      }
    }
    collect(headers.to)
    collect(headers.cc)
    collect(headers.resentTo)
    collect(headers.resentCc)
    // X.500 addresses stay visible recipients, marked, until a configured
    // map resolves them at analysis time.
    for dn in headers.visibleX500 {
      let key = X500Address.key(dn)
      if positions.index(of: key, in: recipients) == nil {
        positions.add(key, at: recipients.count)
        recipients.append(VisibleRecipient(address: key))
      }
    }
    self.init(recipients: recipients, unreadable: unreadable)
  }
}

/// Where each address already sits among a message's recipients. Most
/// messages list a handful, which a look along the list finds sooner than
/// hashing each address; a long list gets a table sized for it at once, so
/// 100,000 recipients are hashed once each, not again at every doubling.
private struct RecipientPositions {
  static let scanLimit = 8
  private var table: [String: Int]?

  init(expected: Int) {
    if expected > Self.scanLimit { table = Dictionary(minimumCapacity: expected) }
  }

  func index(of address: String, in recipients: [VisibleRecipient]) -> Int? {
    if let table { return table[address] }
    return recipients.firstIndex { $0.address == address }
  }

  mutating func add(_ address: String, at index: Int) {
    table?[address] = index
  }
}

/// Exchange X.500 legacy addresses among the visible recipients.
public enum X500Address {
  /// Marks a recipient that is an X.500 address, not an SMTP one.
  public static let prefix = "x500:"

  /// The form an X.500 address is stored and looked up in: the marker and
  /// the distinguished name lower-cased, without angle brackets, quotes or
  /// the `IMCEAEX-` encapsulation's domain.
  public static func key(_ written: String) -> String {
    var dn = Substring(written.trimmingCharacters(in: .whitespaces))
    if let lt = dn.firstIndex(of: "<"), let gt = dn.lastIndex(of: ">"), lt < gt {
      dn = dn[dn.index(after: lt)..<gt]
    }
    dn = dn.drop { $0 == "\"" || $0 == " " }
    while dn.last == "\"" || dn.last == " " { dn = dn.dropLast() }
    var text = dn.lowercased()
    // IMCEAEX-_O=ORG_OU=..._CN=NAME@domain encodes the same DN: `_` for `/`,
    // `+XX` for a byte in hex.
    if text.hasPrefix("imceaex-") {
      var body = Substring(text.dropFirst("imceaex-".count))
      if let at = body.lastIndex(of: "@") { body = body[..<at] }
      var bytes: [UInt8] = []
      var i = body.utf8.startIndex
      let utf8 = body.utf8
      while i < utf8.endIndex {
        let byte = utf8[i]
        if byte == UInt8(ascii: "_") {
          bytes.append(UInt8(ascii: "/"))
        } else if byte == UInt8(ascii: "+"), let end = utf8.index(i, offsetBy: 3, limitedBy: utf8.endIndex),
          let value = UInt8(String(decoding: utf8[utf8.index(after: i)..<end], as: UTF8.self), radix: 16)
        {
          bytes.append(value)
          i = end
          continue
        } else {
          bytes.append(byte)
        }
        i = utf8.index(after: i)
      }
      text = String(decoding: bytes, as: UTF8.self).lowercased()
    }
    return prefix + text
  }

  /// True when `address` is a marked X.500 recipient.
  public static func isMarked(_ address: String) -> Bool { address.hasPrefix(prefix) }
}
