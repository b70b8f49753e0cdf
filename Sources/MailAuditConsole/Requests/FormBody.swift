/// An `application/x-www-form-urlencoded` body or query: every value of a
/// name kept in order (a list of checkboxes sends one name many times).
struct FormBody: Equatable {
  private(set) var fields: [(name: String, value: String)] = []

  init(_ encoded: String) {
    for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      fields.append((name, value))
    }
  }

  /// The first value of `name`.
  subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

  /// Every value of `name`, in order.
  func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

  /// Percent-decoding with `+` as a space; malformed escapes stay as they are.
  static func decode(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        // Both bytes checked as hex digits: UInt8(_:radix:) also takes a
        // sign, so `%+4` was read as the byte 4.
        if utf8.count >= 2, utf8.prefix(2).allSatisfy(Self.isHexDigit),
          let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
        {
          bytes.append(value)
          utf8 = utf8.dropFirst(2)
        } else {
          bytes.append(byte)
        }
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
      return true
    default: return false
    }
  }

  static func == (a: FormBody, b: FormBody) -> Bool {
    a.fields.map(\.name) == b.fields.map(\.name) && a.fields.map(\.value) == b.fields.map(\.value)
  }
}
