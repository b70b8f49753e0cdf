/// The file header of a `.pst`/`.ost` ([MS-PST] 2.2.2.6).
public struct PSTHeader: Sendable, Equatable {
  /// ANSI (32-bit IDs and offsets, Outlook 97-2002) or Unicode (64-bit).
  public enum Format: Sendable, Equatable {
    case ansi
    case unicode
  }

  public var format: Format
  /// `wVer`: 14/15 ANSI, 23 Unicode, 36 Unicode with 4 KiB pages (OST of
  /// Outlook 2013 and later).
  public var version: UInt16
  /// True for an `.ost` (wMagicClient `SO`), false for a `.pst` (`SM`).
  public var isOST: Bool
  public var crypt: PSTCrypt
  /// Root page of the node B-tree.
  public var nodeRoot: UInt64
  /// Root page of the block B-tree.
  public var blockRoot: UInt64
  /// False when `dwCRCPartial` does not match the header's bytes.
  public var checksumValid: Bool

  /// The `!BDN` magic every PST and OST starts with.
  public static let magic: [UInt8] = [0x21, 0x42, 0x44, 0x4E]
  /// Bytes read to parse the header (the Unicode header's full size).
  public static let length = 564

  /// Parses the header from the file's first bytes.
  public init(_ bytes: [UInt8]) throws {
    guard bytes.count >= 512, Array(bytes[0..<4]) == Self.magic else {
      throw PSTError.badHeader(offset: 0, detail: "no !BDN magic")
    }
    switch (bytes[8], bytes[9]) {
    case (0x53, 0x4D): isOST = false  // "SM"
    case (0x53, 0x4F): isOST = true  // "SO"
    default: throw PSTError.badHeader(offset: 8, detail: "wMagicClient is neither SM nor SO")
    }
    version = bytes.le16(10) ?? 0
    switch version {
    case 14, 15:
      format = .ansi
      guard let crypt = PSTCrypt(rawValue: bytes[461]) else {
        throw PSTError.badHeader(offset: 461, detail: "unknown bCryptMethod \(bytes[461])")
      }
      self.crypt = crypt
      nodeRoot = UInt64(bytes.le32(188) ?? 0)
      blockRoot = UInt64(bytes.le32(196) ?? 0)
    case 23...:
      format = .unicode
      guard version < 36 else {
        // Outlook 2013+ OSTs: 4 KiB pages and compressed blocks, a layout
        // [MS-PST] does not define and no file at hand could confirm.
        // Refused rather than guessed: a wrong read is worse evidence than none.
        throw PSTError.badHeader(
          offset: 10,
          detail: "wVer \(version): a 4 KiB-page OST of Outlook 2013 or later, which [MS-PST] does not define and mailaudit does not read; export the mailbox to a .pst from Outlook, or audit it over IMAP")
      }
      guard let method = bytes.byte(513), let crypt = PSTCrypt(rawValue: method) else {
        throw PSTError.badHeader(offset: 513, detail: "no known bCryptMethod")
      }
      self.crypt = crypt
      nodeRoot = bytes.le64(224) ?? 0
      blockRoot = bytes.le64(240) ?? 0
    default:
      throw PSTError.badHeader(offset: 10, detail: "unknown wVer \(version)")
    }
    let stored = bytes.le32(4) ?? 0
    checksumValid = PSTCrypt.crc(bytes[8..<(8 + 471)]) == stored
  }
}

/// A node of the node B-tree: an object of the store (folder, message,
/// table) with its data and its subnodes ([MS-PST] 2.2.2.7.7.4).
public struct PSTNode: Sendable, Equatable {
  public var nid: UInt32
  public var dataBID: UInt64
  public var subnodeBID: UInt64
  public var parentNID: UInt32
}

/// A subnode of a node (a message's recipient table, an attachment, a
/// large property value), from the node's subnode B-tree.
public struct PSTSubnode: Sendable, Equatable {
  public var nid: UInt32
  public var dataBID: UInt64
  public var subnodeBID: UInt64
}

/// The node database layer ([MS-PST] 2.2): pages, the two B-trees, blocks,
/// data trees and subnode trees, read on demand through a ``PSTByteSource``.
///
/// Nothing is loaded whole: each lookup walks the B-tree from its root page
/// by page. Every offset and count is checked against the file, B-tree
/// descent is bounded by its levels, and damage is a ``PSTError`` with the
/// offset of the page or block concerned.
public struct NodeDatabase {
  public let source: any PSTByteSource
  public let header: PSTHeader

  /// Page size of ANSI and Unicode files.
  static let pageSize = 512
  /// Largest block, trailer included.
  static let maxBlockSize = 8192
  /// B-tree levels followed at most (real stores have 2 to 4).
  static let maxLevels = 12

  var isUnicode: Bool { header.format == .unicode }
  /// Size of a BID, an IB and an NBT/BBT key.
  var idSize: Int { isUnicode ? 8 : 4 }
  var blockTrailerSize: Int { isUnicode ? 16 : 12 }

  /// Reads and checks the header.
  public init(source: any PSTByteSource) throws {
    self.source = source
    let length = Int(min(UInt64(PSTHeader.length), source.size))
    self.header = try PSTHeader(source.read(at: 0, count: length))
  }

  /// Reads an ID (BID, IB) of the file's width.
  func id(_ bytes: [UInt8], _ at: Int) -> UInt64? {
    isUnicode ? bytes.le64(at) : bytes.le32(at).map(UInt64.init)
  }

  // MARK: B-tree pages

  /// One B-tree page's entries area, count, entry size and level.
  struct Page {
    var offset: UInt64
    var bytes: [UInt8]
    var count: Int
    var entrySize: Int
    var level: Int
  }

  /// Reads the B-tree page at `offset` and checks its type (0x80 block,
  /// 0x81 node), entry count and size.
  func page(at offset: UInt64, type: UInt8) throws -> Page {
    let bytes: [UInt8]
    do {
      bytes = try source.read(at: offset, count: Self.pageSize)
    } catch PSTError.outOfBounds {
      throw PSTError.badPage(offset: offset, detail: "page lies past the end of the file")
    }
    // ANSI trailer at 500 (ptype, ptypeRepeat, wSig, bid, crc), Unicode at
    // 496 (ptype, ptypeRepeat, wSig, crc, bid); counts just before it.
    let trailer = isUnicode ? 496 : 500
    let meta = isUnicode ? 488 : 496
    guard bytes[trailer] == type, bytes[trailer + 1] == type else {
      throw PSTError.badPage(offset: offset, detail: "page type \(bytes[trailer]) where \(type) was expected")
    }
    let count = Int(bytes[meta]), entrySize = Int(bytes[meta + 2]), level = Int(bytes[meta + 3])
    guard entrySize > 0, count * entrySize <= meta else {
      throw PSTError.badPage(offset: offset, detail: "\(count) entries of \(entrySize) bytes do not fit")
    }
    return Page(offset: offset, bytes: bytes, count: count, entrySize: entrySize, level: level)
  }

  /// Walks from `root` to the leaf entry whose key is `key`; nil when
  /// absent. `leafEntry` reads a leaf entry at a byte index.
  private func lookup<T>(
    root: UInt64, type: UInt8, key: UInt64, minimumLeafSize: Int, leafEntry: (Page, Int) -> T?
  ) throws -> T? {
    var offset = root
    var expectedLevel: Int?
    for _ in 0...Self.maxLevels {
      let page = try page(at: offset, type: type)
      if let expectedLevel, page.level != expectedLevel {
        throw PSTError.badPage(offset: offset, detail: "level \(page.level) where \(expectedLevel) was expected")
      }
      if page.level == 0 {
        guard page.entrySize >= minimumLeafSize else {
          throw PSTError.badPage(offset: offset, detail: "leaf entries of \(page.entrySize) bytes")
        }
        for i in 0..<page.count {
          let at = i * page.entrySize
          if let entryKey = id(page.bytes, at), entryKey & keyMask(type) == key { return leafEntry(page, at) }
        }
        return nil
      }
      guard page.entrySize >= 3 * idSize else {
        throw PSTError.badPage(offset: offset, detail: "index entries of \(page.entrySize) bytes")
      }
      // The last entry whose key is not above the one sought.
      var child: UInt64?
      for i in 0..<page.count {
        let at = i * page.entrySize
        guard let entryKey = id(page.bytes, at), entryKey & keyMask(type) <= key else { break }
        child = id(page.bytes, at + 2 * idSize)
      }
      guard let child else { return nil }
      offset = child
      expectedLevel = page.level - 1
    }
    throw PSTError.badPage(offset: offset, detail: "B-tree deeper than \(Self.maxLevels) levels")
  }

  /// Node keys are 32-bit NIDs; block keys ignore the BID's reserved low bit.
  private func keyMask(_ type: UInt8) -> UInt64 { type == 0x81 ? 0xFFFF_FFFF : ~1 }

  /// The node with `nid`, nil when the node B-tree has none.
  public func node(_ nid: UInt32) throws -> PSTNode? {
    let leafSize = isUnicode ? 32 : 16
    return try lookup(root: header.nodeRoot, type: 0x81, key: UInt64(nid), minimumLeafSize: leafSize) { page, at in
      guard let data = id(page.bytes, at + idSize), let sub = id(page.bytes, at + 2 * idSize),
            let parent = page.bytes.le32(at + 3 * idSize) else { return nil }
      return PSTNode(nid: nid, dataBID: data, subnodeBID: sub, parentNID: parent)
    }
  }

  /// Where the block `bid` is stored: its file offset and data size.
  public func blockLocation(_ bid: UInt64) throws -> (offset: UInt64, size: Int)? {
    let leafSize = isUnicode ? 24 : 12
    return try lookup(root: header.blockRoot, type: 0x80, key: bid & ~1, minimumLeafSize: leafSize) { page, at in
      guard let ib = id(page.bytes, at + idSize), let cb = page.bytes.le16(at + 2 * idSize) else { return nil }
      return (ib, Int(cb))
    }
  }

  // MARK: Blocks

  /// The bytes of block `bid`, decoded when it is an external (data) block.
  /// `referrer` is the offset of what named the block, for the error.
  public func block(_ bid: UInt64, referrer: UInt64? = nil) throws -> [UInt8] {
    guard let location = try blockLocation(bid) else {
      throw PSTError.missing(offset: referrer ?? header.blockRoot, detail: "block \(bid) is not in the block B-tree")
    }
    guard location.size <= Self.maxBlockSize - blockTrailerSize else {
      throw PSTError.badBlock(offset: location.offset, detail: "block \(bid) claims \(location.size) bytes")
    }
    let stored = (location.size + blockTrailerSize + 63) & ~63
    let raw: [UInt8]
    do {
      raw = try source.read(at: location.offset, count: stored)
    } catch PSTError.outOfBounds {
      throw PSTError.badBlock(offset: location.offset, detail: "block \(bid) lies past the end of the file")
    }
    let trailer = stored - blockTrailerSize
    let trailerBID = isUnicode ? raw.le64(trailer + 8) : raw.le32(trailer + 4).map(UInt64.init)
    let trailerSize = raw.le16(trailer).map(Int.init)
    guard trailerBID.map({ $0 & ~1 }) == bid & ~1, trailerSize == location.size else {
      throw PSTError.badBlock(offset: location.offset, detail: "block trailer does not name block \(bid)")
    }
    var data = Array(raw[0..<location.size])
    if bid & 2 == 0 { header.crypt.decode(&data, bid: bid) }
    return data
  }

  /// Calls `body` with each decoded data block of the node data whose root
  /// is `bid`, in order: one block, or the leaves of an XBLOCK/XXBLOCK tree.
  public func forEachDataBlock(_ bid: UInt64, _ body: ([UInt8]) throws -> Void) throws {
    try walkData(bid, depth: 0, body)
  }

  private func walkData(_ bid: UInt64, depth: Int, _ body: ([UInt8]) throws -> Void) throws {
    let bytes = try block(bid)
    guard bid & 2 != 0 else { return try body(bytes) }
    let offset = try blockLocation(bid)?.offset ?? 0
    // XBLOCK (level 1) lists data blocks; XXBLOCK (level 2) lists XBLOCKs.
    guard bytes.count >= 8, bytes[0] == 0x01, let count = bytes.le16(2),
          bytes[1] == 1 || (bytes[1] == 2 && depth == 0) else {
      throw PSTError.badBlock(offset: offset, detail: "internal block \(bid) is not a data tree block")
    }
    let level = Int(bytes[1])
    for i in 0..<Int(count) {
      guard let child = id(bytes, 8 + i * idSize) else {
        throw PSTError.badBlock(offset: offset, detail: "data tree block \(bid) lists more entries than it holds")
      }
      if level == 2 {
        guard child & 2 != 0 else { throw PSTError.badBlock(offset: offset, detail: "XXBLOCK entry is not an XBLOCK") }
        try walkData(child, depth: depth + 1, body)
      } else {
        guard child & 2 == 0 else { throw PSTError.badBlock(offset: offset, detail: "XBLOCK entry is not a data block") }
        try body(try block(child, referrer: offset))
      }
    }
  }

  /// Most bytes of node data collected in memory (a heap, a property
  /// value): far above any message's properties or recipient table, so only
  /// a damaged data tree that names blocks over and over reaches it.
  public static let maxCollectedBytes = 64 << 20

  /// The decoded data blocks of node data `bid`, in order.
  public func dataBlocks(_ bid: UInt64) throws -> [[UInt8]] {
    var blocks: [[UInt8]] = []
    var total = 0
    try forEachDataBlock(bid) { block in
      total += block.count
      guard total <= Self.maxCollectedBytes else {
        throw PSTError.badBlock(offset: try blockLocation(bid)?.offset ?? 0, detail: "node data over 64 MiB")
      }
      blocks.append(block)
    }
    return blocks
  }

  /// The subnodes listed by the subnode tree whose root is `bid` (0: none),
  /// by NID.
  public func subnodes(_ bid: UInt64) throws -> [UInt32: PSTSubnode] {
    var found: [UInt32: PSTSubnode] = [:]
    if bid != 0 { try walkSubnodes(bid, depth: 0, into: &found) }
    return found
  }

  private func walkSubnodes(_ bid: UInt64, depth: Int, into found: inout [UInt32: PSTSubnode]) throws {
    let bytes = try block(bid)
    let offset = try blockLocation(bid)?.offset ?? 0
    guard bid & 2 != 0, bytes.count >= 4, bytes[0] == 0x02, let count = bytes.le16(2), depth <= 1 else {
      throw PSTError.badBlock(offset: offset, detail: "block \(bid) is not a subnode tree block")
    }
    let start = isUnicode ? 8 : 4
    if bytes[1] == 0 {
      let size = 3 * idSize
      for i in 0..<Int(count) {
        let at = start + i * size
        guard let nid = bytes.le32(at), let data = id(bytes, at + idSize), let sub = id(bytes, at + 2 * idSize) else {
          throw PSTError.badBlock(offset: offset, detail: "SLBLOCK lists more entries than it holds")
        }
        found[nid] = PSTSubnode(nid: nid, dataBID: data, subnodeBID: sub)
      }
    } else if bytes[1] == 1, depth == 0 {
      for i in 0..<Int(count) {
        guard let child = id(bytes, start + i * 2 * idSize + idSize) else {
          throw PSTError.badBlock(offset: offset, detail: "SIBLOCK lists more entries than it holds")
        }
        try walkSubnodes(child, depth: depth + 1, into: &found)
      }
    } else {
      throw PSTError.badBlock(offset: offset, detail: "subnode tree block of level \(bytes[1])")
    }
  }
}

extension NodeDatabase {
  /// Subnode trees nested deeper than this are not followed (a message, an
  /// attachment, an embedded message, its attachments: real stores nest 4).
  static let maxSubnodeDepth = 16

  /// The bytes that stand for node `nid` as stored, for evidence hashes:
  /// the node's decoded data blocks in data-tree order, then for each of
  /// its subnodes in ascending NID order the same again (its data blocks,
  /// then its own subnodes), depth first. Decoded means the PST cipher
  /// removed, so a message hashes the same whatever the store's
  /// encryption; nothing else is transformed.
  public func forEachStoredBlock(ofNode nid: UInt32, _ body: ([UInt8]) throws -> Void) throws {
    guard let node = try node(nid) else {
      throw PSTError.missing(offset: header.nodeRoot, detail: "node \(hex(nid)) is not in the node B-tree")
    }
    try forEachDataBlock(node.dataBID, body)
    var seen: Set<UInt64> = []
    try forEachSubnodeBlock(node.subnodeBID, depth: 0, seen: &seen, body)
  }

  private func forEachSubnodeBlock(
    _ bid: UInt64, depth: Int, seen: inout Set<UInt64>, _ body: ([UInt8]) throws -> Void
  ) throws {
    guard bid != 0 else { return }
    // A subnode tree belongs to one node: met twice, the trees form a loop.
    guard depth < Self.maxSubnodeDepth, seen.insert(bid & ~1).inserted else {
      throw PSTError.badBlock(offset: try blockLocation(bid)?.offset ?? 0, detail: "subnode trees loop or nest too deep")
    }
    for subnode in try subnodes(bid).values.sorted(by: { $0.nid < $1.nid }) {
      if subnode.dataBID != 0 { try forEachDataBlock(subnode.dataBID, body) }
      try forEachSubnodeBlock(subnode.subnodeBID, depth: depth + 1, seen: &seen, body)
    }
  }
}
