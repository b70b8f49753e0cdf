/// Why a Compound File could not be read, and where.
struct CompoundFileError: Error, Equatable, CustomStringConvertible {
  enum Kind: String, Equatable {
    /// The first eight bytes are not `D0 CF 11 E0 A1 B1 1A E1`.
    case notCompoundFile
    /// A header field outside what [MS-CFB] 2.2 allows.
    case badHeader
    /// A sector number past the end of the file, or a reserved value where
    /// a sector was expected.
    case badSector
    /// A sector chain that comes back to a sector it already went through.
    case chainCycle
    /// A sector chain that ends before the length it must cover.
    case chainTooShort
    /// A directory entry that cannot be right (a sibling out of range, a
    /// storage tree that loops).
    case badDirectory
    /// A stream larger than the file or than the reader's limit.
    case tooLarge
    /// The data ends before a structure it promises.
    case truncated
    /// The file could not be read (`pread` failed).
    case unreadable
  }

  var kind: Kind
  /// Byte offset in the file where the damage was found.
  var offset: UInt64
  var detail: String

  init(_ kind: Kind, at offset: UInt64, _ detail: String) {
    self.kind = kind
    self.offset = offset
    self.detail = detail
  }

  var description: String { "\(kind.rawValue) at byte \(offset): \(detail)" }
}

/// A Compound File Binary file ([MS-CFB]): the "structured storage" that
/// holds an Outlook `.msg`, read-only, from any ``ByteSource``.
///
/// Opening reads the header, the FAT (through the header's DIFAT and its
/// chained DIFAT sectors), the mini FAT, the directory and the map of the
/// mini stream; a stream's bytes are read only when asked for. Every chain
/// is bounded by the file's own sector count and checked for cycles, and
/// every sector number is range-checked, so a damaged file is a
/// ``CompoundFileError`` with its byte offset, never a trap or a loop.
struct CompoundFile<Source: ByteSource> {
  static var signature: [UInt8] { [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] }

  /// [MS-CFB] 2.1 special sector numbers.
  static var endOfChain: UInt32 { 0xFFFF_FFFE }
  static var freeSector: UInt32 { 0xFFFF_FFFF }
  static var maxRegularSector: UInt32 { 0xFFFF_FFFA }
  /// "No stream": an empty sibling or child link in a directory entry.
  static var noStream: UInt32 { 0xFFFF_FFFF }

  /// Largest FAT this reader builds, in entries (4 GiB of 512-byte sectors
  /// would need 8 M): a bound on memory whatever the header claims.
  static var maxFATEntries: Int { 1 << 24 }

  let source: Source
  /// 3 (512-byte sectors) or 4 (4096-byte sectors).
  let majorVersion: UInt16
  let sectorSize: Int
  let miniSectorSize: Int
  /// Streams shorter than this live in the mini stream.
  let miniStreamCutoff: UInt64
  /// Next sector of each sector, by sector number.
  let fat: [UInt32]
  /// Next mini sector of each mini sector.
  let miniFAT: [UInt32]
  /// The regular sectors that hold the mini stream, in order.
  let miniStreamSectors: [UInt32]
  /// Every directory entry, by stream ID; entry 0 is the root storage.
  let entries: [DirectoryEntry]

  /// One 128-byte directory entry ([MS-CFB] 2.6).
  struct DirectoryEntry: Equatable {
    enum ObjectType: UInt8 {
      case unused = 0, storage = 1, stream = 2, root = 5
    }

    var name: String
    var type: ObjectType
    var left: UInt32
    var right: UInt32
    var child: UInt32
    var startSector: UInt32
    var size: UInt64
    /// Where the entry sits in the file, for error offsets.
    var offset: UInt64
  }

  /// Number of sectors the file can hold after its header.
  var sectorCount: UInt32 { Self.sectorCount(source.count, sectorSize: sectorSize) }

  /// Sectors after the header in a file of `length` bytes. A last sector
  /// cut short counts: writers and copy tools drop its trailing zero bytes,
  /// and it reads as if padded with zeros (see ``sector(_:in:size:)``).
  static func sectorCount(_ length: UInt64, sectorSize: Int) -> UInt32 {
    let size = UInt64(sectorSize)
    guard length > size else { return 0 }
    return UInt32(clamping: (length - size + size - 1) / size)
  }

  /// The bytes of regular sector `sector`, zero-padded when the file ends
  /// inside it.
  static func sector(_ sector: UInt32, in source: Source, size: Int) throws(CompoundFileError) -> [UInt8] {
    try padded(source, at: offset(of: sector, size: size), length: size)
  }

  /// `length` bytes from `start`, zero-padded past the end of the file;
  /// at least the first must be there.
  static func padded(_ source: Source, at start: UInt64, length: Int) throws(CompoundFileError) -> [UInt8] {
    guard start < source.count else {
      throw CompoundFileError(.truncated, at: start, "a sector starts past the end of the file")
    }
    let available = Int(min(UInt64(length), source.count - start))
    var bytes = try source.bytes(at: start, length: available)
    if available < length { bytes += [UInt8](repeating: 0, count: length - available) }
    return bytes
  }

  /// Reads the structures of the Compound File in `source`.
  init(_ source: Source) throws(CompoundFileError) {
    self.source = source
    guard source.count >= 512 else { throw CompoundFileError(.truncated, at: 0, "\(source.count) bytes, shorter than a header") }
    let header = try source.bytes(at: 0, length: 512)
    guard header.prefix(8).elementsEqual(Self.signature) else {
      throw CompoundFileError(.notCompoundFile, at: 0, "no Compound File signature")
    }
    func field16(_ at: Int) -> UInt16 { header.uint16LE(at: at) ?? 0 }
    func field32(_ at: Int) -> UInt32 { header.uint32LE(at: at) ?? 0 }
    majorVersion = field16(26)
    guard field16(28) == 0xFFFE else { throw CompoundFileError(.badHeader, at: 28, "byte order mark is not FFFE") }
    let sectorShift = field16(30)
    switch (majorVersion, sectorShift) {
    case (3, 9): sectorSize = 512
    case (4, 12): sectorSize = 4096
    default:
      throw CompoundFileError(.badHeader, at: 26, "version \(majorVersion) with sector shift \(sectorShift)")
    }
    guard field16(32) == 6 else { throw CompoundFileError(.badHeader, at: 32, "mini sector shift \(field16(32)), not 6") }
    miniSectorSize = 64
    let cutoff = field32(56)
    // [MS-CFB] fixes the cutoff at 4096; anything else would misplace streams.
    guard cutoff == 4096 else { throw CompoundFileError(.badHeader, at: 56, "mini stream cutoff \(cutoff), not 4096") }
    miniStreamCutoff = 4096

    // The FAT sectors, from the header's 109 DIFAT slots and then the
    // chained DIFAT sectors.
    let fatSectorCount = Int(field32(44))
    let entriesPerSector = sectorSize / 4
    let sectorLimit = Self.sectorCount(source.count, sectorSize: sectorSize)
    let sectors = UInt64(sectorLimit) + 1
    guard fatSectorCount <= Self.maxFATEntries / entriesPerSector,
          UInt64(fatSectorCount) <= sectors else {
      throw CompoundFileError(.badHeader, at: 44, "\(fatSectorCount) FAT sectors in a file of \(sectors) sectors")
    }
    var fatSectors: [UInt32] = []
    for slot in 0..<109 where fatSectors.count < fatSectorCount {
      fatSectors.append(field32(76 + 4 * slot))
    }
    var difatSector = field32(68)
    var difatSeen = Set<UInt32>()
    while fatSectors.count < fatSectorCount {
      guard difatSector < sectorLimit else {
        throw CompoundFileError(.badSector, at: 68, "DIFAT sector \(difatSector) past the file's \(sectorLimit) sectors")
      }
      guard difatSeen.insert(difatSector).inserted else {
        throw CompoundFileError(.chainCycle, at: Self.offset(of: difatSector, size: sectorSize), "the DIFAT chain loops")
      }
      let difat = try Self.sector(difatSector, in: source, size: sectorSize)
      for slot in 0..<(entriesPerSector - 1) where fatSectors.count < fatSectorCount {
        fatSectors.append(difat.uint32LE(at: 4 * slot) ?? Self.freeSector)
      }
      difatSector = difat.uint32LE(at: sectorSize - 4) ?? Self.endOfChain
    }

    var fat: [UInt32] = []
    fat.reserveCapacity(fatSectors.count * entriesPerSector)
    for (index, sector) in fatSectors.enumerated() {
      guard sector < sectorLimit else {
        throw CompoundFileError(.badSector, at: index < 109 ? UInt64(76 + 4 * index) : 68,
                                "FAT sector \(sector) past the file's \(sectorLimit) sectors")
      }
      let bytes = try Self.sector(sector, in: source, size: sectorSize)
      for slot in 0..<entriesPerSector { fat.append(bytes.uint32LE(at: 4 * slot) ?? Self.freeSector) }
    }
    self.fat = fat

    // The directory: a FAT chain of 128-byte entries.
    let directorySectors = try Self.chain(from: field32(48), fat: fat, limit: sectorLimit, sectorSize: sectorSize, what: "directory")
    var entries: [DirectoryEntry] = []
    for sector in directorySectors {
      let base = Self.offset(of: sector, size: sectorSize)
      let bytes = try Self.sector(sector, in: source, size: sectorSize)
      for slot in 0..<(sectorSize / 128) {
        entries.append(Self.entry(bytes, at: slot * 128, fileOffset: base + UInt64(slot * 128), version: majorVersion))
      }
    }
    guard let root = entries.first, root.type == .root else {
      throw CompoundFileError(.badDirectory, at: Self.offset(of: field32(48), size: sectorSize), "the first directory entry is not the root")
    }
    self.entries = entries

    // The mini FAT and the sectors of the mini stream (the root's stream).
    let miniFATSectors = try Self.chain(from: field32(60), fat: fat, limit: sectorLimit, sectorSize: sectorSize, what: "mini FAT")
    var miniFAT: [UInt32] = []
    for sector in miniFATSectors {
      let bytes = try Self.sector(sector, in: source, size: sectorSize)
      for slot in 0..<entriesPerSector { miniFAT.append(bytes.uint32LE(at: 4 * slot) ?? Self.freeSector) }
    }
    self.miniFAT = miniFAT
    guard root.size <= source.count else {
      throw CompoundFileError(.tooLarge, at: root.offset + 120, "mini stream of \(root.size) bytes in a file of \(source.count)")
    }
    // A file without small streams has no mini stream; its start sector
    // may then hold anything.
    let miniStreamSectors = root.size == 0 ? [] : try Self.chain(
      from: root.startSector, fat: fat, limit: sectorLimit, sectorSize: sectorSize, what: "mini stream")
    guard UInt64(miniStreamSectors.count) * UInt64(sectorSize) >= root.size else {
      throw CompoundFileError(.chainTooShort, at: root.offset + 116, "the mini stream's chain holds \(miniStreamSectors.count) sectors for \(root.size) bytes")
    }
    self.miniStreamSectors = miniStreamSectors
  }

  /// File offset of regular sector `sector`: the header fills sector -1.
  static func offset(of sector: UInt32, size: Int) -> UInt64 { (UInt64(sector) + 1) * UInt64(size) }

  /// The sectors of the FAT chain starting at `start`, each range-checked,
  /// stopping at a cycle (an error) or after `limit` sectors.
  static func chain(
    from start: UInt32, fat: [UInt32], limit: UInt32, sectorSize: Int, what: String
  ) throws(CompoundFileError) -> [UInt32] {
    var sectors: [UInt32] = []
    var seen = Set<UInt32>()
    var sector = start
    var previousOffset: UInt64 = 0
    while sector != endOfChain {
      // An empty chain may be written as FREESECT (no mini FAT, no mini stream).
      if sector == freeSector, sectors.isEmpty { break }
      guard sector < limit, Int(sector) < fat.count else {
        throw CompoundFileError(.badSector, at: previousOffset, "\(what) chain reaches sector \(sector), past the file's \(limit)")
      }
      guard seen.insert(sector).inserted else {
        throw CompoundFileError(.chainCycle, at: offset(of: sector, size: sectorSize), "the \(what) chain loops")
      }
      sectors.append(sector)
      previousOffset = offset(of: sector, size: sectorSize)
      sector = fat[Int(sector)]
    }
    return sectors
  }

  /// Decodes the directory entry at `at` in `bytes`.
  static func entry(_ bytes: [UInt8], at: Int, fileOffset: UInt64, version: UInt16) -> DirectoryEntry {
    let nameLength = Int(bytes.uint16LE(at: at + 64) ?? 0)
    // The length counts the terminating NUL; at most 32 UTF-16 units.
    let units = (0..<max(0, min(nameLength, 64) / 2 - 1)).map { bytes.uint16LE(at: at + 2 * $0) ?? 0 }
    let name = String(decoding: units, as: UTF16.self)
    var size = bytes.uint64LE(at: at + 120) ?? 0
    // Version 3 files keep only the low 32 bits; some writers leave junk above.
    if version == 3 { size &= 0xFFFF_FFFF }
    return DirectoryEntry(
      name: name, type: bytes.indices.contains(at + 66) ? DirectoryEntry.ObjectType(rawValue: bytes[at + 66]) ?? .unused : .unused,
      left: bytes.uint32LE(at: at + 68) ?? noStream, right: bytes.uint32LE(at: at + 72) ?? noStream,
      child: bytes.uint32LE(at: at + 76) ?? noStream, startSector: bytes.uint32LE(at: at + 116) ?? endOfChain,
      size: size, offset: fileOffset)
  }

  /// The root storage's stream ID.
  var root: UInt32 { 0 }

  /// The entries directly inside storage `storage` (by stream ID), walking
  /// its red-black tree of siblings; order is the tree's, not meaningful.
  func children(of storage: UInt32) throws(CompoundFileError) -> [(id: UInt32, entry: DirectoryEntry)] {
    guard Int(storage) < entries.count else {
      throw CompoundFileError(.badDirectory, at: 0, "no directory entry \(storage)")
    }
    var found: [(UInt32, DirectoryEntry)] = []
    var seen = Set<UInt32>()
    var pending: [UInt32] = [entries[Int(storage)].child]
    while let id = pending.popLast() {
      if id == Self.noStream { continue }
      guard Int(id) < entries.count else {
        throw CompoundFileError(.badDirectory, at: entries[Int(storage)].offset, "a link to entry \(id) of \(entries.count)")
      }
      let entry = entries[Int(id)]
      // A tree that reaches an entry twice is damaged; reading on would loop.
      guard id != storage, seen.insert(id).inserted else {
        throw CompoundFileError(.badDirectory, at: entry.offset, "entry \(id) is reached twice in one storage")
      }
      if entry.type == .unused {
        throw CompoundFileError(.badDirectory, at: entry.offset, "a storage links to unused entry \(id)")
      }
      found.append((id, entry))
      pending.append(entry.left)
      pending.append(entry.right)
    }
    return found
  }

  /// The child of `storage` named `name` (compared as [MS-CFB] 2.6.4 does,
  /// case-insensitively), or nil.
  func child(of storage: UInt32, named name: String) throws(CompoundFileError) -> (id: UInt32, entry: DirectoryEntry)? {
    let wanted = name.uppercased()
    return try children(of: storage).first { $0.entry.name.uppercased() == wanted }
  }

  /// The bytes of stream `entry`, at most `limit` of them (a longer stream
  /// is ``CompoundFileError/Kind/tooLarge``).
  func read(_ entry: DirectoryEntry, limit: Int) throws(CompoundFileError) -> [UInt8] {
    guard entry.type == .stream else { throw CompoundFileError(.badDirectory, at: entry.offset, "\(entry.name) is not a stream") }
    guard entry.size <= UInt64(limit) else {
      throw CompoundFileError(.tooLarge, at: entry.offset + 120, "\(entry.name) holds \(entry.size) bytes, more than the \(limit) read")
    }
    let size = Int(entry.size)
    if size == 0 { return [] }
    if entry.size < miniStreamCutoff { return try readMini(entry, size: size) }
    guard entry.size <= source.count else {
      throw CompoundFileError(.tooLarge, at: entry.offset + 120, "\(entry.name) claims \(entry.size) bytes in a file of \(source.count)")
    }
    let needed = (size + sectorSize - 1) / sectorSize
    var bytes: [UInt8] = []
    bytes.reserveCapacity(needed * sectorSize)
    var seen = Set<UInt32>()
    var sector = entry.startSector
    var from = entry.offset + 116
    for _ in 0..<needed {
      guard sector != Self.endOfChain else {
        throw CompoundFileError(.chainTooShort, at: from, "\(entry.name): the chain ends before \(size) bytes")
      }
      guard sector < sectorCount, Int(sector) < fat.count else {
        throw CompoundFileError(.badSector, at: from, "\(entry.name): sector \(sector) past the file's \(sectorCount)")
      }
      guard seen.insert(sector).inserted else {
        throw CompoundFileError(.chainCycle, at: Self.offset(of: sector, size: sectorSize), "\(entry.name): the chain loops")
      }
      from = Self.offset(of: sector, size: sectorSize)
      bytes += try Self.sector(sector, in: source, size: sectorSize)
      sector = fat[Int(sector)]
    }
    return Array(bytes.prefix(size))
  }

  /// A stream kept in the mini stream: 64-byte mini sectors chained by the
  /// mini FAT, each found inside the root's regular sectors.
  private func readMini(_ entry: DirectoryEntry, size: Int) throws(CompoundFileError) -> [UInt8] {
    let needed = (size + miniSectorSize - 1) / miniSectorSize
    let perSector = sectorSize / miniSectorSize
    var bytes: [UInt8] = []
    bytes.reserveCapacity(needed * miniSectorSize)
    var seen = Set<UInt32>()
    var sector = entry.startSector
    var from = entry.offset + 116
    for _ in 0..<needed {
      guard sector != Self.endOfChain else {
        throw CompoundFileError(.chainTooShort, at: from, "\(entry.name): the mini chain ends before \(size) bytes")
      }
      let container = Int(sector) / perSector
      guard Int(sector) < miniFAT.count, container < miniStreamSectors.count else {
        throw CompoundFileError(.badSector, at: from, "\(entry.name): mini sector \(sector) past the mini stream")
      }
      guard seen.insert(sector).inserted else {
        throw CompoundFileError(.chainCycle, at: from, "\(entry.name): the mini chain loops")
      }
      let inSector = (Int(sector) % perSector) * miniSectorSize
      from = Self.offset(of: miniStreamSectors[container], size: sectorSize) + UInt64(inSector)
      bytes += try Self.padded(source, at: from, length: miniSectorSize)
      sector = miniFAT[Int(sector)]
    }
    return Array(bytes.prefix(size))
  }
}
