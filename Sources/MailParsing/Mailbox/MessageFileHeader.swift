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

  /// Emits the file's header block as a message, or the problem that
  /// prevented it.
  static func read(
    path: String, location: MessageLocation, _ emit: (MailboxEvent) throws -> Void
  ) rethrows {
    switch collect(path: path) {
    case .failure(let failure):
      try emit(.problem(failure.problem))
    case .success(let header):
      try emit(.message(RawMessage(
        location: location, header: header.bytes, headerTruncated: header.truncated)))
      if header.truncated {
        try emit(.problem(Problem(
          kind: .headerTooLarge, file: path,
          detail: "header block larger than \(MailboxLimits.maxHeaderBytes) bytes; the rest was not read")))
      }
    }
  }

  /// A header block read from a file.
  struct Collected {
    var bytes: [UInt8]
    var truncated: Bool
  }

  /// Reads the header block of the file at `path`.
  static func collect(path: String) -> Result<Collected, ProblemError> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(ProblemError(openFailure(path: path, code: errno))) }
    defer { close(fd) }

    var collector = HeaderBlockCollector()
    var buffer = [UInt8](repeating: 0, count: firstReadSize)
    var total = 0
    var isFirstRead = true
    var finished = false
    while !finished {
      let count = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        var result: Int
        repeat { result = Glibc.read(fd, base, raw.count) } while result < 0 && errno == EINTR
        return result
      }
      if count < 0 {
        return .failure(ProblemError(Problem(
          kind: .unreadableFile, file: path, offset: UInt64(total),
          detail: "read: \(SystemError.describe(errno))")))
      }
      if count == 0 { break }
      total += count
      var start = 0
      if isFirstRead {
        isFirstRead = false
        start = leadingLinesToSkip(buffer.prefix(count))
      }
      finished = buffer.withUnsafeBytes { raw -> Bool in
        let piece = UnsafeRawBufferPointer(rebasing: raw[start..<count])
        return collector.feed(piece).finished
      }
      // Past the limit nothing more is kept, and one file holds one message:
      // the rest need not be read.
      if collector.truncated { break }
      if buffer.count < largestReadSize { buffer = [UInt8](repeating: 0, count: buffer.count * 2) }
    }
    if total == 0 {
      return .failure(ProblemError(Problem(kind: .notAMessage, file: path, detail: "empty file")))
    }
    let taken = collector.take()
    if HeaderLine.containsNUL(taken.header) {
      return .failure(ProblemError(Problem(
        kind: .notAMessage, file: path, detail: "binary data (NUL bytes) in the header block")))
    }
    if taken.header.isEmpty {
      return .failure(ProblemError(Problem(
        kind: .missingHeaderBlock, file: path, detail: "the file starts with a blank line")))
    }
    guard HeaderLine.startsWithField(taken.header) else {
      return .failure(ProblemError(Problem(
        kind: .notAMessage, file: path, detail: "the first line is not a header field")))
    }
    return .success(Collected(bytes: taken.header, truncated: taken.truncated))
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
  static func openFailure(path: String, code: Int32) -> Problem {
    if code == ENOENT {
      var info = stat()
      if lstat(path, &info) == 0 {
        return Problem(kind: .unreadableFile, file: path, detail: "open: dangling symbolic link")
      }
      return Problem(kind: .vanishedFile, file: path, detail: "open: the file is gone")
    }
    return Problem(kind: .unreadableFile, file: path, detail: "open: \(SystemError.describe(code))")
  }
}

/// A ``Problem`` carried as an `Error`, for `Result`.
struct ProblemError: Error {
  var problem: Problem
  init(_ problem: Problem) { self.problem = problem }
}
