import Foundation

/// The comparison form of addresses, as docs/exposure-rules.md defines it:
/// local part lower-cased (a quoted dot-atom unquoted, other quoted local
/// parts kept quoted; a non-ASCII one in Unicode NFC), domain lower-cased in
/// its ASCII (IDNA) form without a trailing dot; `+tag`s and dots kept.
/// Pure-ASCII addresses, nearly all of them, take a byte-level path that
/// skips IDNA and normalisation.
extension Address {
  /// `local@domain` in comparison form; nil when the domain cannot be
  /// converted to ASCII (the caller counts the address as unreadable).
  public var normalized: String? {
    guard let domain = normalizedDomain else { return nil }
    var address = LocalPart.normalized(localPart)
    address.reserveCapacity(address.utf8.count + 1 + domain.utf8.count)
    address += "@"
    address += domain
    return address
  }

  /// An address in comparison form as an earlier build may have stored it,
  /// in today's: its local part in NFC (see ``normalized``). An ASCII
  /// address, nearly every one, is already lower-case and comes back as it
  /// is, through the same byte path as ``normalized``.
  public static func canonical(normalized address: String) -> String {
    LocalPart.asciiLowercased(address) ?? address.precomposedStringWithCanonicalMapping
  }

  /// The domain in comparison form: ASCII (IDNA), lower-cased, no trailing dot.
  public var normalizedDomain: String? {
    // An ASCII domain, nearly every one, is read as bytes: in ASCII each
    // Character is one byte, so the byte rules below are the Character
    // rules of the general path.
    if let ascii = LocalPart.asciiDomain(domain) { return ascii.isEmpty ? nil : ascii }
    var written = Substring(domain)
    if written.hasSuffix(".") { written = written.dropLast() }
    guard !written.isEmpty else { return nil }
    if let ascii = LocalPart.asciiLowercased(written) { return ascii }
    guard let converted = IDNA.toASCII(String(written)) else { return nil }
    return LocalPart.asciiLowercased(Substring(converted)) ?? converted.lowercased()
  }
}

/// Local-part rules shared by the parser and normalisation.
enum LocalPart {
  /// RFC 5322 atext, plus 8-bit bytes (RFC 6532 allows UTF-8).
  static func isAtext(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x80...0xFF: return true
    // ! # $ % & ' * + - / = ? ^ _ ` { | } ~
    case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E...0x60, 0x7B...0x7E: return true
    default: return false
    }
  }

  /// True for `atext+ ("." atext+)*`.
  static func isDotAtom<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var previousWasDot = true
    for byte in bytes {
      if byte == Ascii.dot {
        if previousWasDot { return false }
        previousWasDot = true
      } else if isAtext(byte) {
        previousWasDot = false
      } else {
        return false
      }
    }
    return !previousWasDot
  }

  /// `"content"` with `"` and `\` escaped, for a local part that needs quotes.
  static func quoted<C: Collection>(_ content: C) -> String where C.Element == UInt8 {
    var out: [UInt8] = [Ascii.quote]
    for byte in content {
      if byte == Ascii.quote || byte == Ascii.backslash { out.append(Ascii.backslash) }
      out.append(byte)
    }
    out.append(Ascii.quote)
    return String(decoding: out, as: UTF8.self)
  }

  /// A local part lower-cased, a quoted dot-atom unquoted, other quoted
  /// strings re-quoted minimally so equal contents compare equal.
  static func normalized(_ written: String) -> String {
    let view = written.utf8
    if view.count >= 2, view.first == Ascii.quote, view.last == Ascii.quote {
      let utf8 = Array(view)
      var content: [UInt8] = []
      var escaped = false
      for byte in utf8.dropFirst().dropLast() {
        if byte == Ascii.backslash, !escaped {
          escaped = true
          continue
        }
        escaped = false
        content.append(byte)
      }
      let lowered = Array(lowercased(content).utf8)
      return isDotAtom(lowered) ? String(decoding: lowered, as: UTF8.self) : quoted(lowered)
    }
    return asciiLowercased(written) ?? canonicalLowercased(written)
  }

  static func lowercased(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return asciiLowercased(Substring(text)) ?? canonicalLowercased(text)
  }

  /// A non-ASCII local part lower-cased, in Unicode NFC (RFC 6532 3.1:
  /// NFC SHOULD be used): `jos\u{E9}` and `jose\u{301}` are one text, and
  /// must be one address in every comparison, whether Swift's (canonical
  /// equivalence) or the index's (bytes).
  static func canonicalLowercased(_ text: String) -> String {
    text.lowercased().precomposedStringWithCanonicalMapping
  }

  /// The ASCII lower-case of `text`, or nil when it holds non-ASCII bytes.
  static func asciiLowercased(_ text: Substring) -> String? {
    // A bridged string's bytes are not contiguous: copied once, the same rules apply.
    let result =
      text.utf8.withContiguousStorageIfAvailable({ lowered($0, droppingTrailingDot: false) })
      ?? Array(text.utf8).withUnsafeBufferPointer { lowered($0, droppingTrailingDot: false) }
    switch result {
    case .nonASCII: return nil
    case .unchanged: return String(text)
    case .changed(let lowered): return lowered
    }
  }

  /// The ASCII lower-case of a whole string (the string itself when it has
  /// no upper-case letter), or nil when it holds non-ASCII bytes.
  static func asciiLowercased(_ text: String) -> String? {
    switch text.utf8.withContiguousStorageIfAvailable({ lowered($0, droppingTrailingDot: false) }) {
    case .nonASCII?: return nil
    case .unchanged?: return text
    case .changed(let lowered)?: return lowered
    case nil: return asciiLowercased(Substring(text))
    }
  }

  /// An ASCII domain lower-cased, without one trailing dot (empty when it
  /// was only a dot); nil when it holds non-ASCII bytes, or its bytes are
  /// not contiguous (the general path then decides).
  static func asciiDomain(_ domain: String) -> String? {
    switch domain.utf8.withContiguousStorageIfAvailable({ lowered($0, droppingTrailingDot: true) }) {
    case .unchanged?: return domain
    case .changed(let lowered)?: return lowered
    case .nonASCII?, nil: return nil
    }
  }

  /// What ASCII lower-casing makes of some bytes.
  private enum Lowered {
    case nonASCII
    /// No upper-case letter (and no trailing dot to drop).
    case unchanged
    case changed(String)
  }

  private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, droppingTrailingDot: Bool) -> Lowered {
    var hasUpper = false
    for byte in bytes {
      if byte >= 0x80 { return .nonASCII }
      if byte >= 0x41, byte <= 0x5A { hasUpper = true }
    }
    let count = droppingTrailingDot && bytes.last == Ascii.dot ? bytes.count - 1 : bytes.count
    guard hasUpper || count < bytes.count else { return .unchanged }
    return .changed(String(unsafeUninitializedCapacity: count) { out in
      for i in 0..<count { out[i] = Ascii.lower(bytes[i]) }
      return count
    })
  }
}
