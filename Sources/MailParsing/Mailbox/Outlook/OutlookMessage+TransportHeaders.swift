extension OutlookMessage {
  /// A ``Problem/Kind/recipientMismatch`` problem when the stored transport
  /// headers name other To/Cc addresses than the recipient table, else nil.
  ///
  /// Both sides go through the project's own header parser and are
  /// compared as normalised address sets. Nothing is compared when there
  /// are no transport headers, when they hold neither To nor Cc (a sent
  /// item's own headers rarely do), or when a recipient has only an
  /// Exchange X.500 address, which the headers cannot show.
  public func recipientMismatch(file: String) -> Problem? {
    guard let transportHeaders else { return nil }
    let location = MessageLocation(format: .single, mailbox: file, file: file)
    var bytes = Array(transportHeaders.utf8)
    if let end = Self.endOfHeaderBlock(bytes) { bytes = Array(bytes[..<end]) }
    let stored = MessageHeaders(parsing: RawMessage(location: location, header: bytes))
    let table = MessageHeaders(parsing: RawMessage(location: location, header: headerBlock()))
    guard !(stored.to.isEmpty && stored.cc.isEmpty), table.visibleX500.isEmpty else { return nil }
    let fromTable = Set((table.to + table.cc).compactMap(\.normalized))
    let fromHeaders = Set((stored.to + stored.cc).compactMap(\.normalized))
    guard fromTable != fromHeaders else { return nil }
    let onlyTable = fromTable.subtracting(fromHeaders).sorted()
    let onlyHeaders = fromHeaders.subtracting(fromTable).sorted()
    var parts = ["recipient table To/Cc \(fromTable.count), transport headers To/Cc \(fromHeaders.count)"]
    if !onlyTable.isEmpty { parts.append("only in the table: " + onlyTable.joined(separator: ", ")) }
    if !onlyHeaders.isEmpty { parts.append("only in the headers: " + onlyHeaders.joined(separator: ", ")) }
    return Problem(kind: .recipientMismatch, file: file, field: "to", detail: parts.joined(separator: "; "))
  }

  /// Index of the empty line ending a header block (CRLF or LF), if any.
  static func endOfHeaderBlock(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x0A {
        let next = index + 1
        if next < bytes.count, bytes[next] == 0x0A { return next }
        if next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return next }
      }
      index += 1
    }
    return nil
  }
}
