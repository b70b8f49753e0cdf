import Crypto
import Foundation

/// Masks addresses for reports shared beyond the officer:
/// `tanaka@gmail.com` shows as `t***@gmail.com#1f0c9a2b7d3e`.
///
/// The suffix is a keyed hash (HMAC-SHA256 under the index's own key), so
/// two masked reports of one index name a person the same way, while
/// someone without the index cannot confirm a guessed address by hashing it.
public struct AddressMask: Sendable {
  /// Hex digits of the keyed hash kept: 48 bits, so a collision among
  /// 100,000 exposed addresses has odds of about 1 in 50,000.
  public static let tokenLength = 12
  // The raw bytes, not a SymmetricKey: that type is not Sendable.
  private let key: [UInt8]

  /// A mask under `key` (the index keeps one: ``AuditStore/addressMask()``).
  public init(key: some ContiguousBytes) {
    self.key = key.withUnsafeBytes { Array($0) }
  }

  /// The short keyed hash of `text` (lower-cased first: addresses compare
  /// case-insensitively).
  public func token(_ text: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Array(text.lowercased().utf8), using: SymmetricKey(data: key))
    return String(mac.hexString.prefix(Self.tokenLength))
  }

  /// `t***@gmail.com#token`: the first character of the local part and the
  /// domain stay readable (the domain says which company or provider).
  /// Text without `@` is masked whole: `***#token`.
  public func mask(_ address: String) -> String {
    guard let at = address.lastIndex(of: "@") else { return "***#" + token(address) }
    let local = address[..<at]
    let domain = address[address.index(after: at)...]
    let first = local.first.map(String.init) ?? ""
    return "\(first)***@\(domain)#\(token(address))"
  }

  /// `text` with every word holding an `@` masked: problem details quote
  /// the header text they could not read, which may carry addresses.
  public func maskAddresses(inText text: String) -> String {
    var out = ""
    var word = ""
    func flush() {
      out += word.contains("@") ? mask(word) : word
      word = ""
    }
    for ch in text {
      if ch.isWhitespace || ",;<>\"()[]".contains(ch) {
        flush()
        out.append(ch)
      } else {
        word.append(ch)
      }
    }
    flush()
    return out
  }
}

extension AuditReport {
  /// The report with every address masked and display names left out
  /// (a name identifies a person as well as an address does). Subjects
  /// stay: they say which message it was.
  public func masked(by mask: AddressMask) -> AuditReport {
    var copy = self
    copy.findings = findings.map { f in
      var f = f
      f.sender = f.sender.map(mask.mask)
      f.senderName = nil
      f.exposedAddresses = f.exposedAddresses.map(mask.mask)
      return f
    }
    copy.exposedAddresses = exposedAddresses.map { a in
      var a = a
      a.address = mask.mask(a.address)
      a.displayName = nil
      // At a personal-mail provider the party is the address itself.
      if a.party.contains("@") { a.party = mask.mask(a.party) }
      return a
    }
    copy.problems = problems.map { p in
      var p = p
      p.detail = mask.maskAddresses(inText: p.detail)
      return p
    }
    copy.masked = true
    return copy
  }
}
