/// Encodes visible recipients in one text column: `address US name` per
/// recipient, recipients separated by RS (ASCII unit and record separators,
/// which cannot occur in a normalised address and are removed from names).
enum RecipientsColumn {
  static let unit: Character = "\u{1F}"
  static let record: Character = "\u{1E}"

  static func encode(_ recipients: [VisibleRecipient]) -> String {
    var out = ""
    out.reserveCapacity(recipients.count * 32)
    for (i, r) in recipients.enumerated() {
      if i > 0 { out.append(record) }
      out += r.address
      if let name = r.displayName {
        out.append(unit)
        out += name.filter { $0 != unit && $0 != record }
      }
    }
    return out
  }

  static func decode(_ text: String) -> [VisibleRecipient] {
    guard !text.isEmpty else { return [] }
    return text.split(separator: record, omittingEmptySubsequences: false).map { item in
      if let u = item.firstIndex(of: unit) {
        return VisibleRecipient(address: String(item[..<u]), displayName: String(item[item.index(after: u)...]))
      }
      return VisibleRecipient(address: String(item))
    }
  }
}
