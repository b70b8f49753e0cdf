import Glibc

/// Reads the header block of a file that holds one message (a Maildir file,
/// an `.eml`), never its body.
///
/// Reads start small and grow, since most header blocks fit the first read.
enum MessageFileHeader {
  /// Bytes asked of the first read.
  static let firstReadSize = 16 << 10
  /// Largest read, once a header block has proved long.
  static let largestReadSize = 256 << 10

  /// How the message sits in its file.
  enum Framing {
    /// The file is the message (an `.eml`, a Maildir file).
    case plain
    /// Apple Mail's `.emlx`: a line with the message's byte count, the
    /// message, then an XML property list that is not part of it.
    case emlx
  }

  /// Emits the file's header block as a message, or the problem that
  /// prevented it. For `.emlx` the location's offset and length are those
  /// of the message within the file.
  static func read(
    path: String, in folders: OpenFolders? = nil, location: MessageLocation, compression: MailboxCompression = .none,
    framing: Framing = .plain, _ emit: (MailboxEvent) throws -> Void
  ) rethrows {
    switch collect(path: path, in: folders, compression: compression, framing: framing) {
    case .failure(let failure):
      try emit(.problem(failure.problem))
    case .success(let header):
      var location = location
      if framing == .emlx {
        location.offset = UInt64(header.messageStart)
        location.length = header.declaredLength.map(UInt64.init)
      }
      let labels = TakeoutLabels.read(inHeader: header.bytes)
      try emit(.message(RawMessage(
        location: location, header: header.bytes, headerTruncated: header.truncated,
        labels: labels?.labels)))
      for issue in labels?.issues ?? [] {
        try emit(.problem(Problem(
          kind: issue.kind, file: path, offset: framing == .emlx ? location.offset : nil,
          field: TakeoutLabels.field, detail: issue.detail)))
      }
      if header.truncated {
        try emit(.problem(Problem(
          kind: .headerTooLarge, file: path, offset: framing == .emlx ? UInt64(header.messageStart) : nil,
          detail: "header block larger than \(MailboxLimits.maxHeaderBytes) bytes; the rest was not read")))
      }
      if let damage = header.damage { try emit(.problem(damage)) }
      if let control = header.controlBytes {
        try emit(.problem(control.problem(file: path, offset: framing == .emlx ? location.offset : nil)))
      }
    }
  }

  /// A header block read from a file.
  struct Collected {
    var bytes: [UInt8]
    var truncated: Bool
    /// Offset of the message's first byte (after an `.emlx` count line).
    var messageStart = 0
    /// The byte count an `.emlx` declares for its message.
    var declaredLength: Int?
    /// Compressed data that broke after the header block was read whole.
    var damage: Problem?
    /// NUL or control bytes replaced in the header block.
    var controlBytes: HeaderControlBytes?
  }

  /// Reads the header block of the file at `path`.
  static func collect(
    path: String, in folders: OpenFolders? = nil, compression: MailboxCompression = .none, framing: Framing = .plain
  ) -> Result<Collected, ProblemError> {
    var stream: MailFileStream
    switch MailFileStream.open(path: path, in: folders, compression: compression, readsOnward: compression != .none) {
    case .success(let opened): stream = opened
    case .failure(let failure):
      return .failure(ProblemError(openFailure(path: path, call: failure.call, code: failure.code)))
    }
    defer { stream.close() }

    var collector = HeaderBlockCollector()
    // Only the bytes `read` fills are ever looked at: the buffer needs no
    // zeroing (one per Maildir file).
    func readBuffer(_ size: Int) -> [UInt8] {
      [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    }
    var buffer = readBuffer(firstReadSize)
    var total = 0
    var isFirstRead = true
    var finished = false
    var messageStart = 0
    var declaredLength: Int?
    var damage: Problem?
    while !finished {
      let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, MailFileStream.Failure> in
        guard let base = raw.baseAddress else { return .success(0) }
        return stream.read(into: base, count: raw.count)
      }
      let count: Int
      switch result {
      case .success(let got): count = got
      case .failure(let failure):
        let problem = Problem(kind: failure.kind, file: path, offset: UInt64(total), detail: failure.detail)
        // Damaged compressed data after some header lines: keep what was read.
        if failure.kind == .corruptArchive, total > 0 {
          damage = problem
          count = 0
        } else {
          return .failure(ProblemError(problem))
        }
      }
      if count == 0 { break }
      var start = 0
      var end = count
      if isFirstRead {
        isFirstRead = false
        // Dovecot's compression plugin gzips Maildir files in place (a `Z`
        // flag in the name, not always kept): read those through zlib.
        if compression == .none, buffer.prefix(count).starts(with: MailFileStream.gzipMagic) {
          stream.close()
          return collect(path: path, in: folders, compression: .gzip, framing: framing)
        }
        switch framing {
        case .plain:
          start = leadingLinesToSkip(buffer.prefix(count))
        case .emlx:
          guard let line = emlxByteCount(buffer.prefix(count)) else {
            return .failure(ProblemError(Problem(
              kind: .notAMessage, file: path, detail: "an .emlx file must start with the message's byte count")))
          }
          start = line.messageStart
          messageStart = line.messageStart
          declaredLength = line.length
        }
      }
      if let declaredLength {
        // The property list after the message is not part of it.
        end = min(count, max(messageStart + declaredLength - total, start))
      }
      total += count
      finished = buffer.withUnsafeBytes { raw -> Bool in
        let piece = UnsafeRawBufferPointer(rebasing: raw[start..<end])
        return collector.feed(piece).finished
      }
      if let declaredLength, total >= messageStart + declaredLength { finished = true }
      // Past the limit nothing more is kept, and one file holds one message:
      // the rest need not be read.
      if finished || collector.truncated { break }
      // Another read: into a larger buffer, made only now (it was made
      // after every first read, header found or not, and zeroed: 32 KiB
      // cleared for each Maildir file).
      if buffer.count < largestReadSize { buffer = readBuffer(buffer.count * 2) }
    }
    if total == 0 {
      return .failure(ProblemError(Problem(kind: .notAMessage, file: path, detail: "empty file")))
    }
    let taken = collector.take()
    // A stray NUL is damage in a message; a header that is mostly control
    // bytes is binary data that no person could read as mail.
    if let control = taken.controlBytes, control.count * 8 > taken.header.count - control.count * 2 {
      return .failure(ProblemError(Problem(
        kind: .notAMessage, file: path, detail: "binary data (NUL or control bytes) in the header block")))
    }
    if taken.header.isEmpty {
      if let damage { return .failure(ProblemError(damage)) }
      return .failure(ProblemError(Problem(
        kind: .missingHeaderBlock, file: path, offset: framing == .emlx ? UInt64(messageStart) : nil,
        detail: "the message starts with a blank line")))
    }
    guard HeaderLine.startsWithField(taken.header) else {
      return .failure(ProblemError(Problem(
        kind: .notAMessage, file: path, detail: "the first line is not a header field")))
    }
    return .success(Collected(
      bytes: taken.header, truncated: taken.truncated, messageStart: messageStart,
      declaredLength: declaredLength, damage: damage, controlBytes: taken.controlBytes))
  }

  /// The byte count line that starts an `.emlx` file: digits, optional
  /// white space, a line end. Returns the count and where the message starts.
  static func emlxByteCount(_ bytes: ArraySlice<UInt8>) -> (length: Int, messageStart: Int)? {
    guard let lineEnd = bytes.firstIndex(of: ByteCode.lf) else { return nil }
    var length = 0
    var digits = 0
    for byte in bytes[bytes.startIndex..<lineEnd] {
      if byte >= 0x30 && byte <= 0x39, digits < 18 {
        length = length * 10 + Int(byte - 0x30)
        digits += 1
      } else if byte == ByteCode.space || byte == ByteCode.tab || byte == ByteCode.cr {
        continue
      } else {
        return nil
      }
    }
    guard digits > 0 else { return nil }
    return (length, lineEnd + 1 - bytes.startIndex)
  }

  /// Bytes before the header block proper: a UTF-8 BOM, and an mbox-style
  /// `From ` line that some tools keep in Maildir files.
  static func leadingLinesToSkip(_ bytes: ArraySlice<UInt8>) -> Int {
    var index = bytes.startIndex
    if bytes.starts(with: ByteCode.byteOrderMark) { index += ByteCode.byteOrderMark.count }
    guard bytes[index...].starts(with: ByteCode.fromSpace),
          let lineEnd = bytes[index...].firstIndex(of: ByteCode.lf) else {
      return index - bytes.startIndex
    }
    return lineEnd + 1 - bytes.startIndex
  }

  /// The problem for a file that `open(2)` refused: vanished when it no
  /// longer exists, unreadable otherwise (a dangling symlink also reports
  /// ENOENT, but its entry is still there).
  static func openFailure(path: String, call: String = "open", code: Int32) -> Problem {
    if code == ENOENT {
      var info = stat()
      if lstat(path, &info) == 0 {
        return Problem(kind: .unreadableFile, file: path, detail: "open: dangling symbolic link")
      }
      return Problem(kind: .vanishedFile, file: path, detail: "open: the file is gone")
    }
    return Problem(kind: .unreadableFile, file: path, detail: "\(call): \(SystemError.describe(code))")
  }
}

/// A ``Problem`` carried as an `Error`, for `Result`.
struct ProblemError: Error {
  var problem: Problem
  init(_ problem: Problem) { self.problem = problem }
}
