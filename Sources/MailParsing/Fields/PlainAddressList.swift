/// Address lists written the plain way, read in one pass over their bytes.
///
/// Nearly every To, Cc and From field is a comma-separated run of
/// `local@domain` and `Name Words <local@domain>` in printable ASCII, with
/// no quotes, comments, groups, encoded words or brackets.
/// ``AddressListParser`` cuts such a field into tokens and reads each entry
/// in several passes over them: 0.42 us an address, 45% of parsing the
/// header blocks of the 50,000-message benchmark. This reader takes a
/// plain field as it is and gives exactly the list the full reader gives
/// for it (`PlainAddressListTests` compares the two on every address field
/// of the fixtures and on random fields). Any other field it declines, and
/// the full reader reads it.
enum PlainAddressList {
  /// The list a plain field holds; nil when `bytes` is not plain.
  static func read(_ bytes: [UInt8]) -> AddressList? {
    bytes.withUnsafeBufferPointer { read(buffer: $0) }
  }

  private static func read(buffer b: UnsafeBufferPointer<UInt8>) -> AddressList? {
    // One pass over the bytes declines what the full reader treats
    // specially: quotes, comments, brackets, groups, escapes, encoded
    // words (`=?`), 8-bit and control bytes.
    var previous: UInt8 = 0
    var commas = 0
    for byte in b {
      guard isAllowed(byte), previous != Ascii.equals || byte != Ascii.question else { return nil }
      if byte == Ascii.comma { commas += 1 }
      previous = byte
    }
    var addresses: [Address] = []
    addresses.reserveCapacity(commas + 1)
    var entryStart = 0
    while entryStart <= b.count {
      var entryEnd = entryStart
      while entryEnd < b.count, b[entryEnd] != Ascii.comma { entryEnd += 1 }
      defer { entryStart = entryEnd + 1 }
      let entry = b[entryStart..<entryEnd].trimmingASCIIWhitespace()
      // An empty entry (`a@x,,b@y`, a trailing comma) is nothing to both.
      guard !entry.isEmpty else { continue }
      let first = entry.startIndex
      let last = entry.endIndex
      if b[last - 1] == Ascii.greaterThan {
        // `Name Words <local@domain>`, or `<local@domain>`.
        guard let open = b[first..<last].firstIndex(of: Ascii.lessThan),
          var address = addrSpec(b, open + 1..<last - 1),
          let displayName = phrase(b, first..<open)
        else { return nil }
        address.displayName = displayName.isEmpty ? nil : displayName
        addresses.append(address)
      } else {
        guard let address = addrSpec(b, first..<last) else { return nil }
        addresses.append(address)
      }
    }
    return AddressList(addresses: addresses)
  }

  /// `local@domain`, each a dot-atom written without white space, filling
  /// `range`; nil otherwise, and for an Exchange `IMCEAEX-` local part,
  /// which the full reader files as an X.500 address.
  private static func addrSpec(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Address? {
    // The field holds no 8-bit byte (``read(buffer:)``), and in ASCII a
    // local part's atoms are RFC 5322's atext, as the full reader's words.
    guard let at = b[range].firstIndex(of: Ascii.at),
      LocalPart.isDotAtom(UnsafeBufferPointer(rebasing: b[range.lowerBound..<at])),
      LocalPart.isDotAtom(UnsafeBufferPointer(rebasing: b[at + 1..<range.upperBound]))
    else { return nil }
    let localPart = String(decoding: UnsafeBufferPointer(rebasing: b[range.lowerBound..<at]), as: UTF8.self)
    guard !X500.isEncapsulated(localPart) else { return nil }
    return Address(
      localPart: localPart,
      domain: String(decoding: UnsafeBufferPointer(rebasing: b[at + 1..<range.upperBound]), as: UTF8.self))
  }

  /// The display name before `<`: its words and dots, each run of white
  /// space between them one space, as the full reader joins a phrase.
  /// Empty when there is none; nil when `range` holds anything else.
  private static func phrase(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
    var last = range.upperBound
    while last > range.lowerBound, Ascii.isWhitespace(b[last - 1]) { last -= 1 }
    var spaced = true
    for index in range.lowerBound..<last {
      let byte = b[index]
      if LocalPart.isAtext(byte) || byte == Ascii.dot { continue }
      guard Ascii.isWhitespace(byte) else { return nil }
      if byte != Ascii.space || (index > range.lowerBound && Ascii.isWhitespace(b[index - 1])) { spaced = false }
    }
    let words = UnsafeBufferPointer(rebasing: b[range.lowerBound..<last])
    if spaced { return String(decoding: words, as: UTF8.self) }
    var joined: [UInt8] = []
    joined.reserveCapacity(words.count)
    for byte in words {
      if Ascii.isWhitespace(byte) {
        if joined.last != Ascii.space { joined.append(Ascii.space) }
      } else {
        joined.append(byte)
      }
    }
    return String(decoding: joined, as: UTF8.self)
  }

  /// The bytes a plain field may hold: RFC 5322's atext (printable ASCII
  /// but for `"(),.:;<>@[\]`), the specials `, . < > @`, and white space.
  /// One bit a byte, bytes 0-63 and 64-127.
  private static let plainBits: (UInt64, UInt64) = (0xf3ff_fcfb_0000_2600, 0x7fff_ffff_c7ff_ffff)

  @inline(__always)
  private static func isAllowed(_ byte: UInt8) -> Bool {
    if byte < 64 { return plainBits.0 >> UInt64(byte) & 1 != 0 }
    return byte < 128 && plainBits.1 >> UInt64(byte &- 64) & 1 != 0
  }
}
