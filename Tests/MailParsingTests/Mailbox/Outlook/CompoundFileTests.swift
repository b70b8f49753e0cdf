import XCTest

@testable import MailParsing

/// A minimal Compound File written by hand from [MS-CFB]: a root holding a
/// stream `Big` of `bigSize` bytes (regular sectors) and a stream `Small` of
/// 100 bytes (mini stream). Layout: sector 0 FAT, 1 directory, 2 mini FAT,
/// 3 the mini stream, 4... `Big`.
struct CompoundFileImage {
  var version: UInt16
  var bigSize = 5000
  var sectorSize: Int { version == 4 ? 4096 : 512 }
  var fat: [UInt32] = []
  var directory: [[UInt8]] = []

  static func big(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: index &* 7 &+ 3) }
  static func small(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: 200 &- index) }

  init(version: UInt16) {
    self.version = version
    let bigSectors = (bigSize + sectorSize - 1) / sectorSize
    fat = [0xFFFF_FFFD, 0xFFFF_FFFE, 0xFFFF_FFFE, 0xFFFF_FFFE]
    for index in 0..<bigSectors { fat.append(index == bigSectors - 1 ? 0xFFFF_FFFE : UInt32(5 + index)) }
    directory = [
      Self.entry("Root Entry", type: 5, left: .max, right: .max, child: 1, start: 3, size: 128),
      Self.entry("Big", type: 2, left: .max, right: 2, child: .max, start: 4, size: UInt64(bigSize)),
      Self.entry("Small", type: 2, left: .max, right: .max, child: .max, start: 0, size: 100),
    ]
  }

  static func entry(_ name: String, type: UInt8, left: UInt32, right: UInt32, child: UInt32, start: UInt32, size: UInt64) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 128)
    let units = Array(name.utf16)
    for (index, unit) in units.enumerated() {
      bytes[2 * index] = UInt8(unit & 0xFF)
      bytes[2 * index + 1] = UInt8(unit >> 8)
    }
    put16(&bytes, 64, UInt16(2 * units.count + 2))
    bytes[66] = type
    put32(&bytes, 68, left)
    put32(&bytes, 72, right)
    put32(&bytes, 76, child)
    put32(&bytes, 116, start)
    put32(&bytes, 120, UInt32(size))
    return bytes
  }

  static func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) {
    bytes[at] = UInt8(value & 0xFF)
    bytes[at + 1] = UInt8(value >> 8)
  }

  static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
    for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
  }

  var bytes: [UInt8] {
    var header = [UInt8](repeating: 0, count: sectorSize)
    header.replaceSubrange(0..<8, with: CompoundFile<MemoryBytes>.signature)
    Self.put16(&header, 24, 0x3E)
    Self.put16(&header, 26, version)
    Self.put16(&header, 28, 0xFFFE)
    Self.put16(&header, 30, version == 4 ? 12 : 9)
    Self.put16(&header, 32, 6)
    Self.put32(&header, 40, version == 4 ? 1 : 0)
    Self.put32(&header, 44, 1)
    Self.put32(&header, 48, 1)
    Self.put32(&header, 56, 4096)
    Self.put32(&header, 60, 2)
    Self.put32(&header, 64, 1)
    Self.put32(&header, 68, 0xFFFF_FFFE)
    for slot in 0..<109 { Self.put32(&header, 76 + 4 * slot, slot == 0 ? 0 : 0xFFFF_FFFF) }

    var fatSector = [UInt8](repeating: 0xFF, count: sectorSize)
    for (index, next) in fat.enumerated() { Self.put32(&fatSector, 4 * index, next) }
    var directorySector = directory.flatMap { $0 }
    while directorySector.count < sectorSize {
      directorySector += Self.entry("", type: 0, left: .max, right: .max, child: .max, start: 0, size: 0)
    }
    var miniFAT = [UInt8](repeating: 0xFF, count: sectorSize)
    Self.put32(&miniFAT, 0, 1)
    Self.put32(&miniFAT, 4, 0xFFFF_FFFE)
    var miniStream = (0..<100).map(Self.small)
    miniStream += [UInt8](repeating: 0, count: sectorSize - miniStream.count)
    var big = (0..<bigSize).map(Self.big)
    big += [UInt8](repeating: 0, count: (sectorSize - bigSize % sectorSize) % sectorSize)
    return header + fatSector + directorySector + miniFAT + miniStream + big
  }
}

final class CompoundFileTests: XCTestCase {
  private func open(_ bytes: [UInt8]) throws -> CompoundFile<MemoryBytes> {
    try CompoundFile(MemoryBytes(bytes))
  }

  private func stream(_ file: CompoundFile<MemoryBytes>, _ name: String) throws -> [UInt8] {
    let found = try XCTUnwrap(try file.child(of: file.root, named: name), name)
    return try file.read(found.entry, limit: 1 << 20)
  }

  func testVersion3And4FilesReadRegularAndMiniStreamsByName() throws {
    for version: UInt16 in [3, 4] {
      let file = try open(CompoundFileImage(version: version).bytes)
      XCTAssertEqual(file.sectorSize, version == 4 ? 4096 : 512)
      XCTAssertEqual(Set(try file.children(of: file.root).map(\.entry.name)), ["Big", "Small"])
      XCTAssertEqual(try stream(file, "Big"), (0..<5000).map(CompoundFileImage.big), "v\(version)")
      XCTAssertEqual(try stream(file, "small"), (0..<100).map(CompoundFileImage.small), "names compare case-insensitively")
    }
  }

  func testALoopingSectorChainIsAChainCycleAtTheSectorsOffset() throws {
    var image = CompoundFileImage(version: 3)
    image.fat[5] = 4  // Big: 4 -> 5 -> 4
    let file = try open(image.bytes)
    XCTAssertThrowsError(try stream(file, "Big")) { error in
      XCTAssertEqual((error as? CompoundFileError)?.kind, .chainCycle)
      XCTAssertEqual((error as? CompoundFileError)?.offset, 5 * 512)
    }
  }

  func testASectorPastTheEndIsABadSectorNotATrap() throws {
    var image = CompoundFileImage(version: 3)
    image.fat[4] = 9999
    let file = try open(image.bytes)
    XCTAssertThrowsError(try stream(file, "Big")) { error in
      XCTAssertEqual((error as? CompoundFileError)?.kind, .badSector)
      XCTAssertEqual((error as? CompoundFileError)?.offset, 5 * 512, "the sector that pointed past the end")
    }
  }

  func testASiblingTreeThatLoopsIsABadDirectory() throws {
    var image = CompoundFileImage(version: 3)
    image.directory[2] = CompoundFileImage.entry("Small", type: 2, left: 1, right: .max, child: .max, start: 0, size: 100)
    let file = try open(image.bytes)
    XCTAssertThrowsError(try file.children(of: file.root)) { error in
      XCTAssertEqual((error as? CompoundFileError)?.kind, .badDirectory)
      XCTAssertEqual((error as? CompoundFileError)?.offset, 2 * 512 + 128, "the entry reached twice")
    }
  }

  func testAStreamLargerThanTheLimitIsRefusedBeforeReading() throws {
    let file = try open(CompoundFileImage(version: 3).bytes)
    let big = try XCTUnwrap(try file.child(of: file.root, named: "Big"))
    XCTAssertThrowsError(try file.read(big.entry, limit: 4999)) { error in
      XCTAssertEqual((error as? CompoundFileError)?.kind, .tooLarge)
    }
  }

  func testALastSectorCutShortReadsAsZeroPadded() throws {
    var bytes = CompoundFileImage(version: 3).bytes
    // Big's last sector holds 5000 - 9 * 512 = 392 bytes; drop its zero tail.
    bytes.removeLast(512 - 392)
    let file = try open(bytes)
    XCTAssertEqual(try stream(file, "Big"), (0..<5000).map(CompoundFileImage.big))
  }

  func testHeaderDamageIsTypedWithItsOffset() {
    var bytes = CompoundFileImage(version: 3).bytes
    XCTAssertEqual(Self.kind { try self.open(Array(bytes.prefix(100))) }, .truncated)
    bytes[30] = 10  // sector shift 10 in a version 3 file
    XCTAssertEqual(Self.kind { try self.open(bytes) }, .badHeader)
    bytes[0] = 0
    XCTAssertEqual(Self.kind { try self.open(bytes) }, .notCompoundFile)
  }

  func testEveryTruncationAndByteFlipOfARealMsgEndsWithoutATrap() throws {
    // Deterministic damage over a real file: each must end in a value or a
    // typed error (a trap would end the test run).
    let original = try Array(Data(contentsOf: URL(fileURLWithPath: MsgFixture.path("apache-poi/message_extra_hyphen_submission_chunk.msg"))))
    var generator = SplitMix(seed: 13)
    var outcomes: [String: Int] = [:]
    for round in 0..<300 {
      var bytes = original
      if round % 3 == 0 {
        bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
      } else {
        for _ in 0..<(1 + round % 8) {
          let at = Int(generator.next() % UInt64(min(bytes.count, 4096)))
          bytes[at] = UInt8(truncatingIfNeeded: generator.next())
        }
      }
      switch MsgReader.read(MemoryBytes(bytes), path: "flip") {
      case .message: outcomes["message", default: 0] += 1
      case .notAMessage: outcomes["notAMessage", default: 0] += 1
      case .damaged(let error):
        XCTAssertLessThanOrEqual(error.offset, UInt64(original.count) + 4096, error.description)
        outcomes["damaged", default: 0] += 1
      }
    }
    XCTAssertGreaterThan(outcomes["damaged", default: 0], 0, "\(outcomes)")
    XCTAssertGreaterThan(outcomes["message", default: 0], 0, "\(outcomes)")
  }

  static func kind(_ body: () throws -> Any) -> CompoundFileError.Kind? {
    do {
      _ = try body()
      return nil
    } catch {
      return (error as? CompoundFileError)?.kind
    }
  }
}

/// A small deterministic generator (SplitMix64), so damage tests repeat.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
