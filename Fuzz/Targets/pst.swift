import Foundation

// libFuzzer entry: the Outlook store reader (PSTReader over an in-memory
// PSTMemorySource), every folder, every message.
//
// Random bytes almost never make a store whose B-trees lead anywhere, so
// the input is mostly a list of patches to a real store, aimed at its
// structures: the first byte picks the base (a Unicode store with
// compressible encryption, or an ANSI one with high encryption, both from
// Tests/Fixtures/outlook/pst), then each 5-byte record (region: 2 bytes,
// offset in it: 2 bytes, new byte: 1) overwrites one byte of the header, of
// a B-tree page or of a block (data and trailer) of that base. An input
// that starts with `!BDN` is read as a whole store itself instead.

/// A base store and the regions its structures occupy.
struct FuzzBase {
  var bytes: [UInt8]
  var regions: [(offset: Int, length: Int)]

  init(_ name: String) {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let path = here.appendingPathComponent("../../Tests/Fixtures/outlook/pst/" + name).standardized.path
    bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
    regions = [(0, 564)]
    guard let database = try? NodeDatabase(source: PSTMemorySource(bytes)) else { return }
    // Every page and block the B-trees reach, found by walking them.
    var pages = [database.header.nodeRoot, database.header.blockRoot]
    var seen = Set<UInt64>()
    while let page = pages.popLast() {
      guard seen.insert(page).inserted, seen.count < 10_000 else { continue }
      let trailer = Int(page) + (database.isUnicode ? 496 : 500)
      let type: UInt8 = bytes.indices.contains(trailer) && bytes[trailer] == 0x80 ? 0x80 : 0x81
      guard let parsed = try? database.page(at: page, type: type) else { continue }
      regions.append((Int(page), NodeDatabase.pageSize))
      for i in 0..<parsed.count {
        let at = i * parsed.entrySize
        if parsed.level > 0 {
          if let child = database.id(parsed.bytes, at + 2 * database.idSize) { pages.append(child) }
        } else if type == 0x80, let ib = database.id(parsed.bytes, at + database.idSize),
                  let cb = parsed.bytes.le16(at + 2 * database.idSize) {
          regions.append((Int(ib), (Int(cb) + database.blockTrailerSize + 63) & ~63))
        }
      }
    }
  }
}

nonisolated(unsafe) let bases = [FuzzBase("passwordprotectedPST.pst"), FuzzBase("ansi-sample2-cyclic.pst")]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPST(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  var store: [UInt8]
  if input.starts(with: PSTHeader.magic) {
    store = input
  } else {
    let base = bases[Int(input[0]) % bases.count]
    store = base.bytes
    var at = 1
    while at + 5 <= input.count, !base.regions.isEmpty {
      let region = base.regions[(Int(input[at]) << 8 | Int(input[at + 1])) % base.regions.count]
      let offset = region.offset + (Int(input[at + 2]) << 8 | Int(input[at + 3])) % max(region.length, 1)
      if offset < store.count { store[offset] = input[at + 4] }
      at += 5
    }
  }
  var messages = 0
  for folders in [PSTReader.FolderSelection.sentItems, .allMailFolders] {
    try? PSTReader.read(source: PSTMemorySource(store), path: "fuzz.pst", folders: folders) { event in
      if case .message(let raw) = event {
        messages += 1
        precondition(raw.header.count <= MailboxLimits.maxHeaderBytes, "header block over the limit")
        _ = MessageHeaders(parsing: raw).to.count
      }
    }
  }
  // Evidence bytes of a few nodes: the hashed-bytes walk must end too.
  if let database = try? NodeDatabase(source: PSTMemorySource(store)) {
    for nid: UInt32 in [0x21, 0x122, 0x200024, 0x200044, 0x2002A4] {
      var total = 0
      try? database.forEachStoredBlock(ofNode: nid) { total += $0.count }
      precondition(total <= store.count * 64, "evidence walk read far more than the store holds")
    }
  }
  precondition(messages <= 2 * store.count / 64, "more messages than the store could hold")
  return 0
}
