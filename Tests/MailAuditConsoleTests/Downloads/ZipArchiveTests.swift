import Foundation
import XCTest

@testable import MailAuditConsole

/// The stored ZIP writer: entries a reader finds again, byte for byte.
final class ZipArchiveTests: XCTestCase {
  func testTheCRCIsZipsCRC32() {
    XCTAssertEqual(ZipArchive.crc32(Array("123456789".utf8)), 0xCBF4_3926)
  }

  func testEntriesAreStoredWithTheirNamesAndBytes() throws {
    var zip = ZipArchive()
    try zip.add("drafts/山田.eml", Array("Subject: x\r\n\r\nbody".utf8))
    try zip.add("drafts/drafts.csv", Array("address\r\n".utf8))
    let entries = try StoredZipReader.entries(try zip.finished())
    XCTAssertEqual(entries.map(\.name), ["drafts/山田.eml", "drafts/drafts.csv"])
    XCTAssertEqual(String(decoding: entries[0].bytes, as: UTF8.self), "Subject: x\r\n\r\nbody")
  }

  func testUnzipReadsTheArchiveWhenItIsInstalled() throws {
    let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
    guard FileManager.default.isExecutableFile(atPath: unzip.path) else {
      throw XCTSkip("unzip is not installed; the archive is read by StoredZipReader instead")
    }
    var zip = ZipArchive()
    try zip.add("a/b.txt", Array("hello".utf8))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString).zip")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(try zip.finished()).write(to: file)
    let process = Process()
    process.executableURL = unzip
    process.arguments = ["-t", file.path]
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
  }
}

/// Reads back a stored-only ZIP by its central directory, checking each
/// entry's CRC: the test's own reader, independent of the writer's code.
enum StoredZipReader {
  struct Entry {
    var name: String
    var bytes: [UInt8]
  }

  struct Malformed: Error {}

  static func entries(_ zip: [UInt8]) throws -> [Entry] {
    func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    let end = zip.count - 22
    guard end >= 0, u32(end) == 0x0605_4b50 else { throw Malformed() }
    var at = u32(end + 16)
    var out: [Entry] = []
    for _ in 0..<u16(end + 10) {
      guard u32(at) == 0x0201_4b50, u16(at + 10) == 0 else { throw Malformed() }
      let crc = UInt32(u32(at + 16))
      let size = u32(at + 20)
      let nameLength = u16(at + 28)
      let name = String(decoding: zip[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      let local = u32(at + 42)
      guard u32(local) == 0x0403_4b50 else { throw Malformed() }
      let start = local + 30 + u16(local + 26) + u16(local + 28)
      let bytes = Array(zip[start..<(start + size)])
      guard ZipArchive.crc32(bytes) == crc else { throw Malformed() }
      out.append(Entry(name: name, bytes: bytes))
      at += 46 + nameLength + u16(at + 30) + u16(at + 32)
    }
    return out
  }
}
