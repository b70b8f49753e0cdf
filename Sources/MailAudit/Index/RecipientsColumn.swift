/// Encodes visible recipients in one text column: `address US name` per
/// recipient, recipients separated by RS (ASCII unit and record separators,
/// which cannot occur in a normalised address and are removed from names).
enum RecipientsColumn {
  static let unit: Character = "\u{1F}"
  static let record: Character = "\u{1E}"

  /// Works on UTF-8 bytes: it runs for every message stored. A control
  /// character is always a grapheme of its own, so dropping its byte from
  /// a name is dropping the Character.
  static func encode(_ recipients: [VisibleRecipient]) -> String {
    String(decoding: encodedUTF8(recipients), as: UTF8.self)
  }

  /// ``encode(_:)``'s text as UTF-8 bytes, for a store that binds them
  /// as they are. Valid UTF-8: the separators and the bytes dropped from
  /// names are ASCII. The recipients are read where they lie: iterating
  /// them copied each one's strings.
  static func encodedUTF8(_ recipients: [VisibleRecipient]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(recipients.count * 32)
    recipients.withUnsafeBufferPointer { recipients in
      for i in recipients.indices {
        if i > 0 { out.append(0x1E) }
        out.append(contentsOf: recipients[i].address.utf8)
        if let name = recipients[i].displayName {
          out.append(0x1F)
          for byte in name.utf8 where byte != 0x1F && byte != 0x1E { out.append(byte) }
        }
      }
    }
    return out
  }

  /// Splits on the separators' UTF-8 bytes, in one pass over the text's
  /// storage, making each address and name straight from its bytes: this
  /// runs for every recipient of every message the analysis reads back
  /// (through `split` and `Substring`, a quarter of the analyser thread's
  /// time on the exposure-heavy benchmark). The separators are ASCII, so
  /// every piece of valid UTF-8 is valid UTF-8. Without `names`, every
  /// display name is left nil.
  static func decode(_ text: String, names: Bool = true) -> [VisibleRecipient] {
    guard !text.isEmpty else { return [] }
    var text = text
    return text.withUTF8 { bytes in
      func piece(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
      }
      var recipients: [VisibleRecipient] = []
      var start = 0
      // The first unit separator of the recipient being read: a later one
      // belongs to the name, as it did when names kept them.
      var unit: Int?
      for i in 0...bytes.count {
        let byte = i < bytes.count ? bytes[i] : 0x1E
        if byte == 0x1F, unit == nil {
          unit = i
        } else if byte == 0x1E {
          if let u = unit {
            let name = names ? piece((u + 1)..<i) : nil
            recipients.append(VisibleRecipient(address: piece(start..<u), displayName: name))
          } else {
            recipients.append(VisibleRecipient(address: piece(start..<i)))
          }
          start = i + 1
          unit = nil
        }
      }
      return recipients
    }
  }

  /// The display name an exposure's address had in its message: the
  /// recipient at `index`, or, for an exposure migrated without one (a
  /// negative index), the first recipient with that address.
  static func displayName(at index: Int, address: String, in recipients: [VisibleRecipient]) -> String? {
    if index >= 0 { return index < recipients.count ? recipients[index].displayName : nil }
    return recipients.first { $0.address == address }?.displayName
  }
}
