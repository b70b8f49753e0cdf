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
/// `From Russia with love` after a paragraph break. `Content-Length` does
/// not decide where a message ends (it lies too often); where it disagrees
/// with the `From ` lines, that is reported. Bodies are skipped by one
/// vector search for separators and NUL bytes, never copied.
///
/// Damage is read around, never a reason to drop the file: junk or a block
/// of NUL bytes before the first `From ` line is skipped up to the first
/// `From ` line that starts a header; a NUL block in a body (a crash or a
/// power loss leaves them, Thunderbird's mboxes above all) is counted, and a
/// `From ` line right after one starts the next message even without the
/// blank line before it. Each damaged region is one located problem.
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
    /// In damage before the first message: looking for a `From ` line at a
    /// line start or right after NUL bytes, followed by a header.
    case resync
    /// The stream is not an mbox; nothing more is read.
    case stopped
  }

  /// A message whose header is read but whose end is not known yet.
  private struct PendingMessage {
    var offset: Int
    var header: [UInt8]
    var truncated: Bool
    var problems: [Problem]
    /// Where the body starts (after the header's blank line).
    var bodyStart: Int = 0
    /// The `Content-Length` the header declares, if any.
    var contentLength: Int?
    /// NUL bytes met in the body: the first and past-the-last offset, and
    /// how many.
    var nulFirst: Int?
    var nulEnd = 0
    var nulCount = 0
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
  /// Where the damage being read around began, while resynchronising.
  private var damageStart: Int?
  /// NUL bytes counted in that damage so far, and how far they were counted.
  private var damageNULs = 0
  private var damageCounted = 0
  /// True once a message was yielded, so a file of junk is still reported
  /// as not an mbox.
  private var yieldedAny = false

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
          try headerEnded(bodyStart: position, emit)
          // Search from the blank line's own LF, so a `From ` right after
          // the header's blank line is found.
          position -= 1
          // No message yet means a candidate in damage was rejected.
          phase = pending == nil ? .resync : .body
        }
      case .body:
        let search = searchBody(region, from: index, regionStart: regionStart)
        position = search.resume
        // Without a separator the rest of the region is body: wait for more.
        guard search.found else { break scan }
      case .resync:
        let search = resynchronise(region, from: index, regionStart: regionStart)
        position = search.resume
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
    case .resync:
      try damageEnded(at: end, messageFollows: false, emit)
    case .separatorLine, .header:
      let taken = collector.take()
      let isFirst = pending == nil
      if (!isFirst || damageStart != nil) && !HeaderLine.startsWithField(taken.header) {
        // A `From ` body line near the end, not a message.
        if damageStart != nil {
          try damageEnded(at: end, messageFollows: false, emit)
        } else {
          try flushPending(endingAt: end, emit)
        }
        break
      }
      try flushPending(endingAt: candidateOffset, emit)
      try damageEnded(at: candidateOffset, messageFollows: true, emit)
      var problems = [Problem(
        kind: .truncatedMessage, file: file, offset: UInt64(candidateOffset),
        detail: "the file ends inside this message's header block")]
      if taken.truncated { problems.append(tooLarge(at: candidateOffset)) }
      if let control = taken.controlBytes { problems.append(control.problem(file: file, offset: UInt64(candidateOffset))) }
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
    // Junk or NUL bytes where the first `From ` line should be: look for
    // the first message after them.
    damageStart = lineStart
    damageCounted = lineStart
    phase = .resync
  }

  /// Accepts or rejects the message whose header just ended.
  private mutating func headerEnded(bodyStart: Int, _ emit: (MailboxEvent) throws -> Void) rethrows {
    let taken = collector.take()
    let isFirst = pending == nil && damageStart == nil
    guard isFirst || HeaderLine.startsWithField(taken.header) else {
      // `From ` after a blank line in a body, not followed by a header: text.
      // In damage, reading around it goes on.
      return
    }
    try flushPending(endingAt: candidateOffset, emit)
    try damageEnded(at: candidateOffset, messageFollows: true, emit)
    var problems: [Problem] = []
    if let control = taken.controlBytes { problems.append(control.problem(file: file, offset: UInt64(candidateOffset))) }
    if taken.header.isEmpty {
      problems.append(Problem(
        kind: .missingHeaderBlock, file: file, offset: UInt64(candidateOffset),
        detail: "the `From ` line is followed by a blank line"))
    }
    if taken.truncated { problems.append(tooLarge(at: candidateOffset)) }
    pending = PendingMessage(
      offset: candidateOffset, header: taken.header, truncated: taken.truncated,
      problems: problems, bodyStart: bodyStart, contentLength: Self.contentLength(in: taken.header))
  }

  /// Searches the body for a separator: `\n` + `From ` after a blank line
  /// (or after NUL bytes), or `From ` right after NUL bytes. NUL bytes met
  /// are counted against the message being read. Returns the absolute
  /// offset where processing resumes and whether a separator was found.
  private mutating func searchBody(
    _ region: UnsafeRawBufferPointer, from start: Int, regionStart: Int
  ) -> (resume: Int, found: Bool) {
    guard let base = region.baseAddress else { return (regionStart + region.count, false) }
    var index = start
    // A NUL run that ended where the last region did: a `From ` may follow.
    if index >= 1, region[index - 1] == ByteCode.nul {
      if region.count - index < ByteCode.fromSpace.count { return (regionStart + index, false) }
      if UnsafeRawBufferPointer(rebasing: region[index..<(index + ByteCode.fromSpace.count)])
        .elementsEqual(ByteCode.fromSpace) {
        candidateOffset = regionStart + index
        phase = .separatorLine
        return (candidateOffset + ByteCode.fromSpace.count, true)
      }
    }
    while index < region.count {
      // One pass finds the next `\n` + `From ` or NUL byte (bodies hold
      // none but where damage put it): see cshims_mbox_body_stop.
      let stop = index + cshims_mbox_body_stop(base + index, region.count - index)
      guard stop < region.count else { break }
      guard region[stop] == ByteCode.nul else {
        if followsBlankLine(region, lfAt: stop) {
          candidateOffset = regionStart + stop + 1
          phase = .separatorLine
          return (candidateOffset + ByteCode.fromSpace.count, true)
        }
        index = stop + 1
        continue
      }
      let nul = stop
      var runEnd = nul
      while runEnd < region.count, region[runEnd] == ByteCode.nul { runEnd += 1 }
      noteBodyNULs(from: regionStart + nul, to: regionStart + runEnd)
      let rest = region.count - runEnd
      if rest < ByteCode.fromSpace.count {
        // The run may go on, or a `From ` start, in the next region; those
        // bytes are carried over.
        return (max(regionStart + runEnd, regionStart + start), false)
      }
      if UnsafeRawBufferPointer(rebasing: region[runEnd..<(runEnd + ByteCode.fromSpace.count)])
        .elementsEqual(ByteCode.fromSpace) {
        candidateOffset = regionStart + runEnd
        phase = .separatorLine
        return (candidateOffset + ByteCode.fromSpace.count, true)
      }
      index = runEnd
    }
    // A separator that starts in the last few bytes continues in the next
    // region; resume there (those bytes are carried over).
    return (max(regionStart + region.count - ByteCode.fromSpace.count, regionStart + start), false)
  }

  /// Counts the NUL bytes from `start` to `end` against the pending
  /// message; bytes already counted (carried over) are not counted again.
  private mutating func noteBodyNULs(from start: Int, to end: Int) {
    guard var message = pending else { return }
    let from = max(start, message.nulEnd)
    guard end > from else { return }
    message.nulFirst = message.nulFirst ?? start
    message.nulCount += end - from
    message.nulEnd = end
    pending = message
  }

  /// In damage before any message: searches for `From ` at a line start or
  /// right after a NUL byte. The header after it is checked when it ends.
  private mutating func resynchronise(
    _ region: UnsafeRawBufferPointer, from start: Int, regionStart: Int
  ) -> (resume: Int, found: Bool) {
    guard let base = region.baseAddress else { return (regionStart + region.count, false) }
    var index = start
    while index < region.count {
      let found = ByteCode.fromSpace.withUnsafeBytes { needleBytes -> UnsafeRawPointer? in
        guard let needleBase = needleBytes.baseAddress else { return nil }
        return cshims_memmem(base + index, region.count - index, needleBase, needleBytes.count)
      }
      let hit = found.map { base.distance(to: $0) }
      countDamageNULs(region, upTo: hit ?? region.count, regionStart: regionStart)
      guard let hit else { break }
      let absolute = regionStart + hit
      if absolute > (damageStart ?? 0), hit >= 1, region[hit - 1] == ByteCode.lf || region[hit - 1] == ByteCode.nul {
        candidateOffset = absolute
        phase = .separatorLine
        return (absolute + ByteCode.fromSpace.count, true)
      }
      index = hit + 1
    }
    return (max(regionStart + region.count - ByteCode.fromSpace.count, regionStart + start), false)
  }

  /// Counts NUL bytes of the damage up to `end` of `region`, each once.
  private mutating func countDamageNULs(_ region: UnsafeRawBufferPointer, upTo end: Int, regionStart: Int) {
    let from = max(damageCounted - regionStart, 0)
    guard end > from else { return }
    for i in from..<end where region[i] == ByteCode.nul { damageNULs += 1 }
    damageCounted = regionStart + end
  }

  /// Reports the damage read around, which ends at `end`: where the first
  /// message after it starts (`messageFollows`), or the end of the stream.
  private mutating func damageEnded(
    at end: Int, messageFollows: Bool, _ emit: (MailboxEvent) throws -> Void
  ) rethrows {
    guard let start = damageStart else { return }
    damageStart = nil
    if !messageFollows && streamStart == 0 {
      // Nothing in the whole stream was mail: not an mbox after all.
      try emit(.problem(Problem(
        kind: .notAMessage, file: file, offset: UInt64(start),
        detail: "no mbox `From ` line at the start of the file")))
      return
    }
    let length = end - start
    let what = damageNULs == length
      ? "NUL bytes (a crash or power loss leaves such blocks)"
      : damageNULs > 0 ? "NUL bytes and text that is not mail" : "text that is not mail"
    let place = messageFollows ? "before the message at \(end)" : "to the end of the file"
    try emit(.problem(Problem(
      kind: .damagedRegion, file: file, offset: UInt64(start),
      detail: "bytes \(start)-\(end - 1) (\(length) bytes) \(place): \(what); skipped")))
  }

  /// The `Content-Length` field's value in `header`, if it has one.
  static func contentLength(in header: [UInt8]) -> Int? {
    let name = Array("content-length:".utf8)
    return header.withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress else { return nil }
      var lineStart = 0
      while lineStart < raw.count {
        let lineEnd = memchr(base + lineStart, Int32(ByteCode.lf), raw.count - lineStart)
          .map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
        // Only lines starting with C are looked at closely.
        if raw[lineStart] | 0x20 == UInt8(ascii: "c"), lineEnd - lineStart > name.count,
           raw[lineStart..<(lineStart + name.count)].elementsEqual(name, by: { $0 | 0x20 == $1 || $0 == $1 }) {
          var value = 0
          var digits = 0
          for byte in raw[(lineStart + name.count)..<lineEnd] {
            if byte >= 0x30, byte <= 0x39, digits < 18 {
              value = value * 10 + Int(byte - 0x30)
              digits += 1
            } else if byte == ByteCode.space || byte == ByteCode.tab || byte == ByteCode.cr {
              if digits > 0 { break }
            } else {
              return nil
            }
          }
          return digits > 0 ? value : nil
        }
        lineStart = lineEnd + 1
      }
      return nil
    }
  }

  /// True when the LF at `lfAt` ends a blank line (the byte before is an
  /// LF, or a CR preceded by an LF) or a line of NUL bytes left by damage.
  private func followsBlankLine(_ region: UnsafeRawBufferPointer, lfAt index: Int) -> Bool {
    guard index >= 1 else { return false }
    let before = region[index - 1]
    if before == ByteCode.lf || before == ByteCode.nul { return true }
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
    yieldedAny = true
    try emit(.message(RawMessage(
      location: location, header: message.header, headerTruncated: message.truncated,
      labels: labels?.labels)))
    for problem in message.problems { try emit(.problem(problem)) }
    if let first = message.nulFirst {
      try emit(.problem(Problem(
        kind: .damagedRegion, file: file, offset: UInt64(first),
        detail: "bytes \(first)-\(message.nulEnd - 1): \(message.nulCount) NUL bytes in the body of the message at \(message.offset) (a crash or power loss leaves such blocks); its header was read")))
    }
    if let declared = message.contentLength, message.bodyStart > 0 {
      // The body runs to the next `From ` line, less the blank line before it.
      let body = end - message.bodyStart
      if declared < body - 2 || declared > body {
        try emit(.problem(Problem(
          kind: .irregularFraming, file: file, offset: UInt64(message.offset), field: "content-length",
          detail: "Content-Length: \(declared), but the next `From ` line comes \(body) bytes after the header; the `From ` lines were followed")))
      }
    }
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
