import CShims
import Glibc

/// Splits an mbox byte stream into messages, fed one region at a time.
///
/// Kept apart from the file reading so it can be driven from memory (tests,
/// the fuzz harness). A separator is a line starting `From ` at the start of
/// the stream or right after a blank line (LF or CRLF); a `From ` body line
/// after a non-blank line is text, as mboxo writers leave it. A separator
/// after a blank line must be followed by a header field line, or it is taken
/// for body text too: unquoted mboxo bodies hold lines such as
/// `From Russia with love` after a paragraph break. `Content-Length` is
/// ignored: it lies too often. Bodies are skipped with `memmem`, never copied.
struct MboxSplitter {
  private enum Phase {
    /// Before the first separator: BOM and blank lines allowed.
    case preamble
    /// Inside a `From ` line, whose content is not kept.
    case separatorLine
    /// Collecting a header block.
    case header
    /// Looking for the next separator.
    case body
    /// The stream is not an mbox; nothing more is read.
    case stopped
  }

  /// A message whose header is read but whose end is not known yet.
  private struct PendingMessage {
    var offset: Int
    var header: [UInt8]
    var truncated: Bool
    var problems: [Problem]
  }

  /// Bytes a region must repeat from the previous one, so that a separator
  /// (`\n\r\nFrom `, 8 bytes with its blank line) split across two reads is
  /// still seen whole.
  static let carryLength = 8

  let file: String
  let mailbox: String
  private let streamStart: Int
  private var phase = Phase.preamble
  /// Absolute offset where processing resumes (in the body phase it may point
  /// into the carried bytes, to look behind a `From `).
  private var position: Int
  private var collector = HeaderBlockCollector()
  private var pending: PendingMessage?
  /// Offset of the `From ` line of the message whose header is being read.
  private var candidateOffset = 0
  // Preamble state: how much of a BOM / of `From ` the current line matched.
  private var bomMatched = 0
  private var fromMatched = 0
  private var lineHasWhitespace = false
  private var lineStart: Int

  /// True once the stream was found not to be an mbox; reading can stop.
  var isStopped: Bool { phase == .stopped }

  init(file: String, mailbox: String, streamStart: Int = 0) {
    self.file = file
    self.mailbox = mailbox
    self.streamStart = streamStart
    self.position = streamStart
    self.lineStart = streamStart
  }

  /// Processes `region`, whose first byte sits at absolute offset
  /// `regionStart`. Consecutive regions may overlap by up to
  /// ``carryLength`` bytes; bytes already processed are not processed again.
  mutating func consume(
    _ region: UnsafeRawBufferPointer, regionStart: Int, _ emit: (MailboxEvent) throws -> Void
  ) rethrows {
    guard let base = region.baseAddress else { return }
    let regionEnd = regionStart + region.count
    scan: while position < regionEnd {
      let index = max(position - regionStart, 0)
      switch phase {
      case .stopped:
        position = regionEnd
      case .preamble:
        try preamble(region[index], at: max(position, regionStart), emit)
        position = max(position, regionStart) + 1
      case .separatorLine:
        if let found = memchr(base + index, Int32(ByteCode.lf), region.count - index) {
          position = regionStart + base.distance(to: UnsafeRawPointer(found)) + 1
          phase = .header
        } else {
          position = regionEnd
        }
      case .header:
        let piece = UnsafeRawBufferPointer(rebasing: region[index...])
        let step = collector.feed(piece)
        position = regionStart + index + step.consumed
        if step.finished {
          try headerEnded(emit)
          // Search from the blank line's own LF, so a `From ` right after
          // the header's blank line is found.
          position -= 1
          phase = .body
        }
      case .body:
        let search = findSeparator(in: region, from: index, regionStart: regionStart)
        position = search.resume
        // Without a separator the rest of the region is body: wait for more.
        guard search.found else { break scan }
      }
    }
  }

  /// Ends the stream at absolute offset `end`: yields the last message and
  /// reports one cut inside its header.
  mutating func finish(at end: Int, _ emit: (MailboxEvent) throws -> Void) rethrows {
    switch phase {
    case .preamble, .stopped:
      break
    case .body:
      try flushPending(endingAt: end, emit)
    case .separatorLine, .header:
      let taken = collector.take()
      let isFirst = pending == nil
      if !isFirst && !HeaderLine.startsWithField(taken.header) {
        // A `From ` body line near the end, not a message.
        try flushPending(endingAt: end, emit)
        break
      }
      try flushPending(endingAt: candidateOffset, emit)
      var problems = [Problem(
        kind: .truncatedMessage, file: file, offset: UInt64(candidateOffset),
        detail: "the file ends inside this message's header block")]
      if taken.truncated { problems.append(tooLarge(at: candidateOffset)) }
      pending = PendingMessage(
        offset: candidateOffset, header: taken.header, truncated: taken.truncated,
        problems: problems)
      try flushPending(endingAt: end, emit)
    }
    phase = .stopped
  }

  // MARK: - Phases

  private mutating func preamble(_ byte: UInt8, at offset: Int, _ emit: (MailboxEvent) throws -> Void) rethrows {
    if offset == bomMatched, offset < ByteCode.byteOrderMark.count, streamStart == 0,
       byte == ByteCode.byteOrderMark[offset] {
      bomMatched += 1
      lineStart = offset + 1
      return
    }
    if fromMatched == 0 {
      switch byte {
      case ByteCode.lf:
        lineStart = offset + 1
        lineHasWhitespace = false
        return
      case ByteCode.space, ByteCode.tab, ByteCode.cr:
        lineHasWhitespace = true
        return
      default:
        break
      }
    }
    if !lineHasWhitespace, fromMatched < ByteCode.fromSpace.count,
       byte == ByteCode.fromSpace[fromMatched] {
      fromMatched += 1
      if fromMatched == ByteCode.fromSpace.count {
        candidateOffset = lineStart
        phase = .separatorLine
      }
      return
    }
    phase = .stopped
    try emit(.problem(Problem(
      kind: .notAMessage, file: file, offset: UInt64(lineStart),
      detail: "no mbox `From ` line at the start of the file")))
  }

  /// Accepts or rejects the message whose header just ended.
  private mutating func headerEnded(_ emit: (MailboxEvent) throws -> Void) rethrows {
    let taken = collector.take()
    let isFirst = pending == nil
    guard isFirst || HeaderLine.startsWithField(taken.header) else {
      // `From ` after a blank line in a body, not followed by a header: text.
      return
    }
    try flushPending(endingAt: candidateOffset, emit)
    var problems: [Problem] = []
    if taken.header.isEmpty {
      problems.append(Problem(
        kind: .missingHeaderBlock, file: file, offset: UInt64(candidateOffset),
        detail: "the `From ` line is followed by a blank line"))
    }
    if taken.truncated { problems.append(tooLarge(at: candidateOffset)) }
    pending = PendingMessage(
      offset: candidateOffset, header: taken.header, truncated: taken.truncated,
      problems: problems)
  }

  /// Searches the body for `\n` + `From ` after a blank line; returns the
  /// absolute offset where processing resumes and whether a separator was found.
  private mutating func findSeparator(
    in region: UnsafeRawBufferPointer, from start: Int, regionStart: Int
  ) -> (resume: Int, found: Bool) {
    guard let base = region.baseAddress else { return (regionStart + region.count, false) }
    var index = start
    while index < region.count {
      let found = ByteCode.lineThenFromSpace.withUnsafeBytes { needleBytes -> UnsafeRawPointer? in
        guard let needleBase = needleBytes.baseAddress else { return nil }
        return cshims_memmem(base + index, region.count - index, needleBase, needleBytes.count)
      }
      guard let found else { break }
      let hit = base.distance(to: found)
      if followsBlankLine(region, lfAt: hit) {
        candidateOffset = regionStart + hit + 1
        phase = .separatorLine
        return (candidateOffset + ByteCode.fromSpace.count, true)
      }
      index = hit + 1
    }
    // A separator that starts in the last few bytes continues in the next
    // region; resume there (those bytes are carried over).
    return (max(regionStart + region.count - ByteCode.fromSpace.count, regionStart + start), false)
  }

  /// True when the LF at `lfAt` ends a blank line: the byte before is an LF,
  /// or a CR preceded by an LF.
  private func followsBlankLine(_ region: UnsafeRawBufferPointer, lfAt index: Int) -> Bool {
    guard index >= 1 else { return false }
    let before = region[index - 1]
    if before == ByteCode.lf { return true }
    guard before == ByteCode.cr, index >= 2 else { return false }
    return region[index - 2] == ByteCode.lf
  }

  private mutating func flushPending(endingAt end: Int, _ emit: (MailboxEvent) throws -> Void) rethrows {
    guard let message = pending else { return }
    pending = nil
    let location = MessageLocation(
      format: .mbox, mailbox: mailbox, file: file, offset: UInt64(message.offset),
      length: UInt64(max(end - message.offset, 0)))
    let labels = TakeoutLabels.read(inHeader: message.header)
    try emit(.message(RawMessage(
      location: location, header: message.header, headerTruncated: message.truncated,
      labels: labels?.labels)))
    for problem in message.problems { try emit(.problem(problem)) }
    for issue in labels?.issues ?? [] {
      try emit(.problem(Problem(
        kind: issue.kind, file: file, offset: UInt64(message.offset), field: TakeoutLabels.field,
        detail: issue.detail)))
    }
  }

  private func tooLarge(at offset: Int) -> Problem {
    Problem(
      kind: .headerTooLarge, file: file, offset: UInt64(offset),
      detail: "header block larger than \(MailboxLimits.maxHeaderBytes) bytes; the rest was not read")
  }
}
