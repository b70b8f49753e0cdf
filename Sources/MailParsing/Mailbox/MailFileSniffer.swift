import Glibc

/// Tells from a file's first bytes whether it is an mbox, one message, an
/// Apple Mail `.emlx`, gzip data holding one of those, an Outlook `.msg`, or
/// something else.
///
/// File names are not consulted: mail exported by hand carries any
/// extension, or none.
enum MailFileSniffer {
  /// What a file looks like.
  enum Verdict: Equatable {
    case mbox
    case message
    /// A byte count line followed by a message: Apple Mail's `.emlx`.
    case emlx
    /// gzip data (magic bytes 1f 8b); ``sniff(path:)`` looks inside.
    case gzip
    /// A gzip file whose uncompressed data starts as an mbox.
    case gzipMbox
    /// A gzip file whose uncompressed data starts as one message.
    case gzipMessage
    /// An Outlook `.pst`/`.ost` store: `!BDN` then wMagicClient `SM`/`SO`.
    case outlookStore
    /// gzip data that cannot be decompressed far enough to judge it.
    case corrupt(String)
    /// A Compound File holding an Outlook message (`.msg`), or one too
    /// damaged to tell, whose damage ``MsgReader`` reports with its offset.
    case outlookMessage
    case notMail(String)
    case unreadable(SystemCallError)

    static func == (lhs: Verdict, rhs: Verdict) -> Bool {
      switch (lhs, rhs) {
      case (.mbox, .mbox), (.message, .message), (.emlx, .emlx), (.gzip, .gzip),
           (.gzipMbox, .gzipMbox), (.gzipMessage, .gzipMessage), (.outlookMessage, .outlookMessage),
           (.outlookStore, .outlookStore): return true
      case (.notMail(let a), .notMail(let b)), (.corrupt(let a), .corrupt(let b)): return a == b
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
    "delivered-to", "mime-version", "reply-to", "sender", "bcc", "in-reply-to", "references",
    "content-type", "x-gmail-labels", "thread-topic", "thread-index", "x-mailer", "dkim-signature",
    "arc-seal", "authentication-results", "x-mozilla-status", "resent-from", "resent-to",
  ].map { Array($0.utf8) }

  /// Reads the first bytes of `path` and judges them; for gzip data, the
  /// first uncompressed bytes.
  static func sniff(path: String) -> Verdict {
    let verdict = sniffShape(path: path)
    // A crash can leave a block of NUL bytes where a file's first messages
    // were: judge what follows the block.
    if verdict == .notMail("binary data (NUL bytes)"), case .success(let after) = bytesAfterLeadingNULs(path: path),
       judge(after[...]) == .mbox {
      return .mbox
    }
    return verdict
  }

  /// Longest run of leading NUL bytes looked past.
  static let maxLeadingNULs = 1 << 28

  /// Up to ``sniffLength`` bytes after the NUL bytes a file starts with.
  static func bytesAfterLeadingNULs(path: String) -> Result<[UInt8], ReadFailure> {
    var stream: MailFileStream
    switch MailFileStream.open(path: path, compression: .none) {
    case .success(let opened): stream = opened
    case .failure(let failure):
      return .failure(ReadFailure(call: failure.call, code: failure.code, detail: failure.description))
    }
    defer { stream.close() }
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    var skipped = 0
    var kept: [UInt8] = []
    while kept.count < sniffLength, skipped <= maxLeadingNULs {
      let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, MailFileStream.Failure> in
        stream.read(into: raw.baseAddress!, count: raw.count)
      }
      guard case .success(let count) = result, count > 0 else { break }
      var slice = buffer[0..<count]
      if kept.isEmpty {
        guard let first = slice.firstIndex(where: { $0 != ByteCode.nul }) else {
          skipped += count
          continue
        }
        slice = slice[first...]
      }
      kept += slice.prefix(sniffLength - kept.count)
    }
    return .success(kept)
  }

  /// ``sniff(path:)`` before leading NUL bytes are looked past.
  private static func sniffShape(path: String) -> Verdict {
    let plain = firstBytes(path: path, compression: .none)
    guard case .success(let (bytes, _)) = plain else {
      if case .failure(let failure) = plain, let call = failure.call {
        return .unreadable(SystemCallError(call: call, code: failure.code))
      }
      return .unreadable(SystemCallError(call: "read", code: EIO))
    }
    if bytes.starts(with: CompoundFile<MemoryBytes>.signature) { return sniffCompoundFile(path: path) }
    let verdict = judge(bytes[...])
    guard verdict == .gzip else { return verdict }
    switch firstBytes(path: path, compression: .gzip) {
    case .failure(let failure):
      if let call = failure.call { return .unreadable(SystemCallError(call: call, code: failure.code)) }
      return .corrupt(failure.detail)
    case .success(let inner):
      switch judge(inner.bytes[...]) {
      case .mbox: return .gzipMbox
      case .message: return .gzipMessage
      case .notMail(let reason):
        // Too little came out before the damage to tell what it was.
        if let damage = inner.damage { return .corrupt(damage) }
        return .notMail("gzip data holding no mail: \(reason)")
      default:
        return .notMail("gzip data holding neither an mbox nor a message")
      }
    }
  }

  /// A Compound File (`D0 CF 11 E0 A1 B1 1A E1`): an Outlook message when
  /// its root holds a properties stream and a message class; an item never
  /// sent (a contact, a note) or any other Compound File (a Word or Excel
  /// file) is not mail.
  private static func sniffCompoundFile(path: String) -> Verdict {
    do {
      switch try FileBytes.withFile(path, { MsgReader.read($0, path: path) }) {
      case .message, .damaged: return .outlookMessage
      case .notAMessage(let reason): return .notMail(reason)
      }
    } catch let failure as MailboxReadError {
      return .unreadable(SystemCallError(call: failure.call, code: failure.code))
    } catch {
      return .unreadable(SystemCallError(call: "read", code: EIO))
    }
  }

  /// Why the first bytes could not be had: a failed system call, or damaged
  /// compressed data (`call` nil).
  struct ReadFailure: Error {
    var call: String?
    var code: Int32
    var detail: String
  }

  /// Up to ``sniffLength`` bytes from the start of the (uncompressed) file,
  /// and what damage in compressed data cut them short.
  static func firstBytes(
    path: String, compression: MailboxCompression
  ) -> Result<(bytes: [UInt8], damage: String?), ReadFailure> {
    var stream: MailFileStream
    switch MailFileStream.open(path: path, compression: compression) {
    case .success(let opened): stream = opened
    case .failure(let failure):
      return .failure(ReadFailure(call: failure.call, code: failure.code, detail: failure.description))
    }
    defer { stream.close() }
    var buffer = [UInt8](repeating: 0, count: sniffLength)
    var filled = 0
    while filled < buffer.count {
      let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, MailFileStream.Failure> in
        guard let base = raw.baseAddress else { return .success(0) }
        return stream.read(into: base + filled, count: raw.count - filled)
      }
      switch result {
      case .success(let count):
        if count == 0 { return .success((Array(buffer.prefix(filled)), nil)) }
        filled += count
      case .failure(let failure):
        // Damaged data after enough bytes to judge is the reader's to report.
        if failure.kind == .corruptArchive, filled > 0 {
          return .success((Array(buffer.prefix(filled)), failure.detail))
        }
        let call: String? = failure.kind == .corruptArchive ? nil : "read"
        return .failure(ReadFailure(call: call, code: errno, detail: failure.detail))
      }
    }
    return .success((buffer, nil))
  }

  /// Judges a file from its first bytes.
  ///
  /// A file is judged by its shape, not refused for a stray NUL: an mbox
  /// whose header holds one, or one that a crash left junk or NUL bytes
  /// before the first `From ` line in, is still an mbox and is read around
  /// the damage (see ``MboxSplitter``). Leading NUL bytes are skipped by
  /// ``sniff(path:)`` before the rest is judged.
  static func judge(_ bytes: ArraySlice<UInt8>) -> Verdict {
    if bytes.isEmpty { return .notMail("empty file") }
    if bytes.starts(with: MailFileStream.gzipMagic) { return .gzip }
    if bytes.starts(with: PSTHeader.magic), bytes.count >= 10,
       bytes[bytes.startIndex + 8] == 0x53, [0x4D, 0x4F].contains(bytes[bytes.startIndex + 9]) {
      return .outlookStore
    }
    if let verdict = judgeText(bytes) { return verdict }
    if separatorAfterDamage(bytes) { return .mbox }
    if bytes.contains(ByteCode.nul) { return .notMail("binary data (NUL bytes)") }
    return .notMail("neither an mbox nor a message")
  }

  /// True when, after junk or NUL bytes, a line (or NUL run) is followed by
  /// a `From ` line and a header block naming a mail field: an mbox with a
  /// damaged start.
  static func separatorAfterDamage(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    while let from = bytes[index...].firstRange(of: ByteCode.fromSpace) {
      let start = from.lowerBound
      index = start + 1
      guard start > bytes.startIndex,
            bytes[start - 1] == ByteCode.lf || bytes[start - 1] == ByteCode.nul,
            let lineEnd = bytes[start...].firstIndex(of: ByteCode.lf) else { continue }
      let header = bytes[(lineEnd + 1)...]
      if HeaderLine.startsWithField(header), containsMailField(header) { return true }
    }
    return false
  }

  /// Judges text that starts as mail: an `.emlx`, a message, an mbox; nil
  /// when it does not.
  private static func judgeText(_ bytes: ArraySlice<UInt8>) -> Verdict? {
    if bytes.first == ByteCode.nul { return nil }
    if let line = MessageFileHeader.emlxByteCount(bytes) {
      let message = bytes.dropFirst(line.messageStart)
      if HeaderLine.startsWithField(message), containsMailField(message) { return .emlx }
    }
    var rest = bytes
    if rest.starts(with: ByteCode.byteOrderMark) { rest = rest.dropFirst(ByteCode.byteOrderMark.count) }
    if HeaderLine.startsWithField(rest) {
      if containsMailField(rest) { return .message }
      return separatorAfterDamage(bytes) ? .mbox : .notMail("header-like text without mail fields")
    }
    // An mbox may start with blank lines before its first `From `.
    while let first = rest.first, [ByteCode.lf, ByteCode.cr, ByteCode.space, ByteCode.tab].contains(first) {
      rest = rest.dropFirst()
    }
    if rest.starts(with: ByteCode.fromSpace) { return .mbox }
    return nil
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
