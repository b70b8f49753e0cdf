import Glibc

/// Tells from a file's first bytes whether it is an mbox, one message, or
/// something else.
enum MailFileSniffer {
  /// What a file looks like.
  enum Verdict: Equatable {
    case mbox
    case message
    case notMail(String)
    case unreadable(SystemCallError)

    static func == (lhs: Verdict, rhs: Verdict) -> Bool {
      switch (lhs, rhs) {
      case (.mbox, .mbox), (.message, .message): return true
      case (.notMail(let a), .notMail(let b)): return a == b
      case (.unreadable(let a), .unreadable(let b)): return a.call == b.call && a.code == b.code
      default: return false
      }
    }
  }

  /// Bytes read to decide.
  static let sniffLength = 4096

  /// Fields of which one must appear in a message's first lines, so a text
  /// file that happens to start `Title: x` is not taken for mail.
  static let mailFieldNames: [[UInt8]] = [
    "from", "to", "cc", "date", "subject", "message-id", "received", "return-path",
    "delivered-to", "mime-version", "reply-to", "sender",
  ].map { Array($0.utf8) }

  /// Reads the first bytes of `path` and judges them.
  static func sniff(path: String) -> Verdict {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .unreadable(SystemCallError(call: "open", code: errno)) }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: sniffLength)
    var filled = 0
    while filled < buffer.count {
      let count = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return read(fd, base + filled, raw.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .unreadable(SystemCallError(call: "read", code: errno))
      }
      if count == 0 { break }
      filled += count
    }
    return judge(buffer.prefix(filled))
  }

  /// Judges a file from its first bytes.
  static func judge(_ bytes: ArraySlice<UInt8>) -> Verdict {
    if bytes.isEmpty { return .notMail("empty file") }
    if bytes.contains(ByteCode.nul) { return .notMail("binary data (NUL bytes)") }
    var rest = bytes
    if rest.starts(with: ByteCode.byteOrderMark) { rest = rest.dropFirst(ByteCode.byteOrderMark.count) }
    if HeaderLine.startsWithField(rest) {
      return containsMailField(rest) ? .message : .notMail("header-like text without mail fields")
    }
    // An mbox may start with blank lines before its first `From `.
    while let first = rest.first, [ByteCode.lf, ByteCode.cr, ByteCode.space, ByteCode.tab].contains(first) {
      rest = rest.dropFirst()
    }
    if rest.starts(with: ByteCode.fromSpace) { return .mbox }
    return .notMail("neither an mbox nor a message")
  }

  /// True when one of the header lines before the first blank line names a
  /// common mail field.
  static func containsMailField(_ bytes: ArraySlice<UInt8>) -> Bool {
    var lineStart = bytes.startIndex
    while lineStart < bytes.endIndex {
      let lineEnd = bytes[lineStart...].firstIndex(of: ByteCode.lf) ?? bytes.endIndex
      let line = bytes[lineStart..<lineEnd]
      if line.isEmpty || line.elementsEqual([ByteCode.cr]) { return false }
      if let colon = line.firstIndex(of: ByteCode.colon) {
        let name = line[lineStart..<colon].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if mailFieldNames.contains(where: { $0.elementsEqual(name) }) { return true }
      }
      lineStart = lineEnd + 1
    }
    return false
  }
}
