import Glibc

/// Reads an mbox file (mboxo or mboxrd, LF or CRLF) as a stream of header blocks.
///
/// The file is read with `read(2)` into one page-aligned block and split by
/// ``MboxSplitter``; only header blocks are copied, so memory stays at one
/// block plus the header being assembled, whatever the file size.
public struct MboxReader: MailboxSource {
  /// The mbox file.
  public let path: String
  /// The mailbox name reported in locations (the path unless given).
  public let mailbox: String
  /// Offset of a known message start (a `From ` line) to resume from.
  public let startOffset: UInt64
  /// Bytes asked of each `read(2)`.
  public let blockSize: Int
  /// Where to stop reading (the file's size when a scan began), so a file
  /// a client appends to during the scan is read up to a snapshot point.
  public let endOffset: UInt64?

  /// Alignment of the read buffer: reads into unaligned memory were measured
  /// twice as slow.
  private static let pageSize = 4096

  /// How the file is stored; a gzipped mbox is decompressed as it is read.
  public let compression: MailboxCompression

  /// Creates a reader; nothing is opened until ``forEachEvent(_:)``.
  ///
  /// With `.gzip`, `startOffset`, `endOffset` and every offset in locations
  /// and problems count bytes of the *uncompressed* mbox (the `.gz` file
  /// stays the location's file), and resuming decompresses up to
  /// `startOffset` again.
  public init(
    path: String, mailbox: String? = nil, startOffset: UInt64 = 0, endOffset: UInt64? = nil,
    blockSize: Int = 1 << 20, compression: MailboxCompression = .none
  ) {
    self.path = path
    self.mailbox = mailbox ?? path
    self.startOffset = startOffset
    self.endOffset = endOffset
    self.blockSize = max(blockSize, 1)
    self.compression = compression
  }

  /// Streams every message and problem of the file in order.
  ///
  /// Damaged or truncated gzip data ends the reading with a
  /// ``Problem/Kind/corruptArchive`` problem at the uncompressed offset
  /// where it was met; the messages before it are yielded.
  ///
  /// - Throws: ``MailboxReadError`` when the file cannot be opened, or what
  ///   `body` throws.
  public func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    var stream: MailFileStream
    switch MailFileStream.open(path: path, compression: compression) {
    case .success(let opened): stream = opened
    case .failure(let failure): throw MailboxReadError(path: path, call: failure.call, code: failure.code)
    }
    defer { stream.close() }
    if startOffset > 0, case .failure(let failure) = stream.seek(to: startOffset) {
      throw MailboxReadError(path: path, call: failure.call, code: failure.code)
    }

    // One page of headroom before the block holds the bytes carried over
    // from the previous read, so the region searched is contiguous while
    // reads still land on a page boundary.
    let headroom = Self.pageSize
    let blockCapacity = (blockSize + Self.pageSize - 1) / Self.pageSize * Self.pageSize
    var allocation: UnsafeMutableRawPointer?
    guard posix_memalign(&allocation, Self.pageSize, headroom + blockCapacity) == 0,
          let memory = allocation else {
      throw MailboxReadError(path: path, call: "posix_memalign", code: ENOMEM)
    }
    defer { free(memory) }
    let block = memory + headroom

    var splitter = MboxSplitter(file: path, mailbox: mailbox, streamStart: Int(startOffset))
    var readOffset = Int(startOffset)
    var carried = 0
    // Decided on the first block: a file whose lines end in CR alone (classic
    // Mac OS mail programs) is read as if they ended in LF. One byte stands
    // for one byte, so every offset stays that of the file.
    var crOnly: Bool?
    while !splitter.isStopped {
      var want = blockSize
      if let endOffset {
        guard UInt64(readOffset) < endOffset else { break }
        want = Int(min(UInt64(blockSize), endOffset - UInt64(readOffset)))
      }
      let count: Int
      switch stream.read(into: block, count: want) {
      case .success(let got):
        count = got
      case .failure(let failure):
        try splitter.finish(at: readOffset, body)
        try body(.problem(Problem(
          kind: failure.kind, file: path, offset: UInt64(readOffset), detail: failure.detail)))
        return
      }
      if count == 0 { break }
      if crOnly == nil {
        // The first block decides when it holds a sniff's worth of bytes or
        // the whole file; only a smaller read asks the file's head again.
        if count >= MailFileSniffer.sniffLength || count < want {
          crOnly = LineEnds.areCROnly(UnsafeRawBufferPointer(start: block, count: count))
        } else if case .success(let head) = MailFileSniffer.firstBytes(path: path, compression: compression) {
          crOnly = head.bytes.withUnsafeBytes { LineEnds.areCROnly($0) }
        } else {
          crOnly = false
        }
        if crOnly == true {
          try body(.problem(Problem(
            kind: .irregularFraming, file: path, offset: UInt64(readOffset),
            detail: "lines end in CR only (classic Mac OS); read as if they ended in LF")))
        }
      }
      if crOnly == true { LineEnds.replaceLoneCR(UnsafeMutableRawBufferPointer(start: block, count: count)) }
      let region = UnsafeRawBufferPointer(start: block - carried, count: carried + count)
      try splitter.consume(region, regionStart: readOffset - carried, body)
      readOffset += count
      let keep = min(MboxSplitter.carryLength, region.count)
      if let regionBase = region.baseAddress {
        memmove(block - keep, regionBase + (region.count - keep), keep)
      }
      carried = keep
    }
    try splitter.finish(at: readOffset, body)
  }
}

/// Line ends of mail written by classic Mac OS programs: CR alone.
enum LineEnds {
  /// True when `bytes` (the start of a file) holds CR but no LF.
  static func areCROnly(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    return memchr(base, Int32(ByteCode.lf), bytes.count) == nil && memchr(base, Int32(ByteCode.cr), bytes.count) != nil
  }

  /// Turns each CR not followed by LF into LF, in place.
  static func replaceLoneCR(_ bytes: UnsafeMutableRawBufferPointer) {
    for i in 0..<bytes.count where bytes[i] == ByteCode.cr {
      if i + 1 < bytes.count, bytes[i + 1] == ByteCode.lf { continue }
      bytes[i] = ByteCode.lf
    }
  }
}
