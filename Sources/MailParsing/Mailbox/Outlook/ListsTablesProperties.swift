/// A heap-on-node ([MS-PST] 2.3.1): the allocations a node's data blocks
/// hold, addressed by HID. Property and table contexts are built on it.
public struct HeapOnNode {
  /// The node's decoded data blocks.
  public let blocks: [[UInt8]]
  /// `bClientSig`: 0xBC property context, 0x7C table context, 0xB5 BTH.
  public let clientSignature: UInt8
  /// `hidUserRoot`: the client's root allocation.
  public let userRoot: UInt32
  /// File offset used in errors (the node's first block, when known).
  public let offset: UInt64

  public init(blocks: [[UInt8]], offset: UInt64 = 0) throws {
    guard let first = blocks.first, first.count >= 12, first[2] == 0xEC, let root = first.le32(4) else {
      throw PSTError.badStructure(offset: offset, detail: "no heap-on-node signature")
    }
    self.blocks = blocks
    self.clientSignature = first[3]
    self.userRoot = root
    self.offset = offset
  }

  /// The allocation `hid` names; empty for HID 0.
  public func item(_ hid: UInt32) throws -> [UInt8] {
    if hid == 0 { return [] }
    let index = Int((hid >> 5) & 0x7FF), blockIndex = Int(hid >> 16)
    guard hid & 0x1F == 0, index >= 1, blockIndex < blocks.count else {
      throw PSTError.badStructure(offset: offset, detail: "HID \(hid) names no allocation")
    }
    let block = blocks[blockIndex]
    guard let map = block.le16(0).map(Int.init), let count = block.le16(map).map(Int.init), index <= count,
          let start = block.le16(map + 4 + (index - 1) * 2).map(Int.init),
          let end = block.le16(map + 4 + index * 2).map(Int.init),
          start <= end, end <= block.count else {
      throw PSTError.badStructure(offset: offset, detail: "HID \(hid) lies outside its heap block")
    }
    return Array(block[start..<end])
  }
}

/// A B-tree-on-heap ([MS-PST] 2.3.2): sorted key/data records in a heap.
public struct HeapBTree {
  public let keySize: Int
  public let dataSize: Int
  /// Every leaf record, in key order.
  public private(set) var records: [(key: [UInt8], data: [UInt8])] = []

  /// Reads the BTH whose header is at `hid`.
  public init(heap: HeapOnNode, header hid: UInt32) throws {
    let head = try heap.item(hid)
    guard head.count >= 8, head[0] == 0xB5, let root = head.le32(4) else {
      throw PSTError.badStructure(offset: heap.offset, detail: "no BTH header at HID \(hid)")
    }
    keySize = Int(head[1])
    dataSize = Int(head[2])
    let levels = Int(head[3])
    guard keySize > 0, dataSize > 0, levels <= 8 else {
      throw PSTError.badStructure(offset: heap.offset, detail: "BTH of \(keySize)-byte keys, \(dataSize)-byte data")
    }
    var visits = 0
    if root != 0 { try collect(heap, root, level: levels, visits: &visits) }
  }

  /// Index allocations visited at most: far more than any real heap holds
  /// (a heap has at most 2^16 blocks of 2^11 allocations), so a crafted
  /// index that names one allocation many times ends.
  static let maxVisits = 1 << 16

  private mutating func collect(_ heap: HeapOnNode, _ hid: UInt32, level: Int, visits: inout Int) throws {
    visits += 1
    guard visits <= Self.maxVisits else {
      throw PSTError.badStructure(offset: heap.offset, detail: "BTH index visits too many allocations")
    }
    let bytes = try heap.item(hid)
    let size = keySize + (level > 0 ? 4 : dataSize)
    var at = 0
    while at + size <= bytes.count {
      if level > 0 {
        try collect(heap, bytes.le32(at + keySize)!, level: level - 1, visits: &visits)
      } else {
        records.append((Array(bytes[at..<(at + keySize)]), Array(bytes[(at + keySize)..<(at + size)])))
      }
      at += size
    }
  }
}

/// A property value as stored: its type (`PtypString`, `PtypInteger32`...)
/// and its bytes.
public struct PSTValue: Sendable, Equatable {
  public var type: UInt16
  public var bytes: [UInt8]

  /// Integer types, read little-endian.
  public var integer: UInt64? {
    switch type {
    case 0x0002: return bytes.le16(0).map(UInt64.init)
    case 0x0003, 0x000A: return bytes.le32(0).map(UInt64.init)
    case 0x000B: return bytes.first.map(UInt64.init)
    case 0x0014, 0x0040: return bytes.le64(0)
    default: return nil
    }
  }

  /// A string property: UTF-16LE for `PtypString`, the store's code page
  /// for `PtypString8`; a trailing NUL dropped.
  public func string(codePage: UInt32?) -> String? {
    switch type {
    case 0x001F:
      var units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
      while units.last == 0 { units.removeLast() }
      return String(decoding: units, as: UTF16.self)
    case 0x001E:
      var raw = bytes
      while raw.last == 0 { raw.removeLast() }
      if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
      let charset = Charset(label: Self.charsetLabel(codePage: codePage ?? 1252))
      return charset.decodeLossily(raw) ?? String(decoding: raw, as: UTF8.self)
    default: return nil
    }
  }

  /// The iconv name of a Windows code page.
  static func charsetLabel(codePage: UInt32) -> String {
    switch codePage {
    case 932: return "shift_jis"
    case 936: return "gbk"
    case 949: return "euc-kr"
    case 950: return "big5"
    case 20127: return "us-ascii"
    case 20932, 51932: return "euc-jp"
    case 50220, 50221, 50222: return "iso-2022-jp"
    case 65001: return "utf-8"
    case 28591...28599: return "iso-8859-\(codePage - 28590)"
    case 1250...1258: return "windows-\(codePage)"
    default: return "cp\(codePage)"
    }
  }

  /// Types held inline in a property context's record (4 bytes or fewer).
  static func isInlineInPropertyContext(_ type: UInt16) -> Bool {
    [0x0002, 0x0003, 0x0004, 0x000A, 0x000B].contains(type)
  }

  /// Types whose table-context cell is the value, not an HNID.
  static func isFixedInTable(_ type: UInt16) -> Bool {
    [0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x000A, 0x000B, 0x0014, 0x0040].contains(type)
  }
}

/// Streams the data blocks of a node's subnode by NID (a property value or
/// table rows too large for the heap) to the closure given; false when the
/// node has no such subnode.
public typealias PSTSubnodeData = (UInt32, ([UInt8]) throws -> Void) throws -> Bool

/// Resolves an HNID: a heap allocation, or a subnode's data.
private func resolve(_ hnid: UInt32, heap: HeapOnNode, subnode: PSTSubnodeData) throws -> [UInt8]? {
  if hnid & 0x1F == 0 { return try heap.item(hnid) }
  var data: [UInt8] = []
  return try subnode(hnid) { block in
    data += block
    guard data.count <= NodeDatabase.maxCollectedBytes else {
      throw PSTError.badStructure(offset: heap.offset, detail: "value in subnode \(hnid) over 64 MiB")
    }
  } ? data : nil
}

/// A property context ([MS-PST] 2.3.3): one object's properties (a folder,
/// a message, the store).
public struct PropertyContext {
  let heap: HeapOnNode
  let subnode: PSTSubnodeData
  /// Property ID → (type, inline value or HNID).
  let entries: [UInt16: (type: UInt16, value: UInt32)]

  public init(heap: HeapOnNode, subnode: @escaping PSTSubnodeData) throws {
    guard heap.clientSignature == 0xBC else {
      throw PSTError.badStructure(offset: heap.offset, detail: "heap is not a property context")
    }
    let tree = try HeapBTree(heap: heap, header: heap.userRoot)
    guard tree.keySize == 2, tree.dataSize == 6 else {
      throw PSTError.badStructure(offset: heap.offset, detail: "property context BTH of the wrong shape")
    }
    var entries: [UInt16: (UInt16, UInt32)] = [:]
    for record in tree.records {
      entries[record.key.le16(0)!] = (record.data.le16(0)!, record.data.le32(2)!)
    }
    self.heap = heap
    self.subnode = subnode
    self.entries = entries
  }

  /// The property `id`'s value, nil when the object does not have it.
  public func value(_ id: UInt16) throws -> PSTValue? {
    guard let entry = entries[id] else { return nil }
    if PSTValue.isInlineInPropertyContext(entry.type) {
      var bytes: [UInt8] = []
      withUnsafeBytes(of: entry.value.littleEndian) { bytes = Array($0) }
      return PSTValue(type: entry.type, bytes: bytes)
    }
    guard let bytes = try resolve(entry.value, heap: heap, subnode: subnode) else { return nil }
    return PSTValue(type: entry.type, bytes: bytes)
  }

  /// The property IDs present.
  public var propertyIDs: [UInt16] { entries.keys.sorted() }
}

/// A table context ([MS-PST] 2.3.4): rows of properties (a folder's
/// subfolders or messages, a message's recipients). Rows are read from the
/// row matrix one block at a time, so a folder of 100 000 messages costs
/// one block of memory.
public struct TableContext {
  public struct Column: Sendable {
    public var tag: UInt32
    public var offset: Int
    public var size: Int
    public var bit: Int
  }

  let heap: HeapOnNode
  let subnode: PSTSubnodeData
  public let columns: [Column]
  let rowSize: Int
  let bitmapOffset: Int
  let rowsHNID: UInt32

  public init(heap: HeapOnNode, subnode: @escaping PSTSubnodeData) throws {
    let info = try heap.item(heap.userRoot)
    guard heap.clientSignature == 0x7C, info.count >= 22, info[0] == 0x7C else {
      throw PSTError.badStructure(offset: heap.offset, detail: "heap is not a table context")
    }
    let count = Int(info[1])
    guard info.count >= 22 + count * 8 else {
      throw PSTError.badStructure(offset: heap.offset, detail: "TCINFO shorter than its \(count) columns")
    }
    rowSize = Int(info.le16(8)!)
    bitmapOffset = Int(info.le16(6)!)
    rowsHNID = info.le32(14)!
    columns = (0..<count).map { i in
      let at = 22 + i * 8
      return Column(tag: info.le32(at)!, offset: Int(info.le16(at + 4)!), size: Int(info[at + 6]), bit: Int(info[at + 7]))
    }
    self.heap = heap
    let (size, bitmap) = (rowSize, bitmapOffset)
    guard columns.allSatisfy({ $0.offset + $0.size <= size && bitmap + $0.bit / 8 < size }) else {
      throw PSTError.badStructure(offset: heap.offset, detail: "a column lies outside the \(size)-byte row")
    }
    self.subnode = subnode
  }

  /// One row: the cells present, read on demand.
  public struct Row {
    let table: TableContext
    let bytes: ArraySlice<UInt8>

    /// The value of the column whose property ID is `id`, nil when the
    /// table has no such column or the row no such cell.
    public func value(_ id: UInt16) throws -> PSTValue? {
      guard let column = table.columns.first(where: { UInt16($0.tag >> 16) == id }) else { return nil }
      let base = bytes.startIndex
      guard bytes[base + table.bitmapOffset + column.bit / 8] & (0x80 >> UInt8(column.bit % 8)) != 0 else {
        return nil
      }
      let type = UInt16(column.tag & 0xFFFF)
      let cell = Array(bytes[(base + column.offset)..<(base + column.offset + column.size)])
      if PSTValue.isFixedInTable(type) { return PSTValue(type: type, bytes: cell) }
      guard let hnid = cell.le32(0), hnid != 0,
            let data = try resolve(hnid, heap: table.heap, subnode: table.subnode) else { return nil }
      return PSTValue(type: type, bytes: data)
    }
  }

  /// Calls `body` with every row, in row-matrix order, one block of the
  /// row matrix in memory at a time.
  public func forEachRow(_ body: (Row) throws -> Void) throws {
    guard rowSize > 0, rowsHNID != 0 else { return }
    // Rows never straddle blocks: each block holds as many whole rows as fit.
    func rows(of block: [UInt8]) throws {
      var at = 0
      while at + rowSize <= block.count {
        try body(Row(table: self, bytes: block[at..<(at + rowSize)]))
        at += rowSize
      }
    }
    if rowsHNID & 0x1F == 0 { return try rows(of: heap.item(rowsHNID)) }
    guard try subnode(rowsHNID, rows) else {
      throw PSTError.badStructure(offset: heap.offset, detail: "row matrix subnode \(rowsHNID) is missing")
    }
  }
}
