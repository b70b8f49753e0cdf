import Foundation
import Glibc
import XCTest

@testable import MailParsing

final class DirectoryListingTests: XCTestCase {
  /// Creates `name` (raw bytes, which need not be UTF-8) in `folder`.
  private func create(_ name: [UInt8], in folder: String) throws {
    let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
    let descriptor = path.withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
    }
    XCTAssertGreaterThanOrEqual(descriptor, 0, "cannot create a file: errno \(errno)")
    close(descriptor)
  }

  func testNamesAreSortedByTheirBytesWithoutDotAndDotDot() throws {
    let folder = try ScratchFolder()
    let names = [
      "b", "ab", "a", "B", "a b", "é", "z", ".hidden", "1700000000.M10P1.host:2,S", "1700000000.M9P1.host:2,S",
    ]
    for name in names { try create(Array(name.utf8), in: folder.path) }
    let listed = try DirectoryListing.names(at: folder.path).get()
    XCTAssertEqual(
      listed,
      [".hidden", "1700000000.M10P1.host:2,S", "1700000000.M9P1.host:2,S", "B", "a", "a b", "ab", "b", "z", "é"])
  }

  func testManyNamesComeInTheOrderOfTheirUTF8Bytes() throws {
    let folder = try ScratchFolder()
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("0123456789.:,MPSabcXYZ-_日本é".utf8)
    var names = Set<String>()
    while names.count < 2000 {
      let length = Int.random(in: 1...24, using: &generator)
      var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      if bytes.first == UInt8(ascii: ".") { bytes[0] = UInt8(ascii: "x") }
      let name = String(decoding: bytes, as: UTF8.self)
      if !name.contains("/"), names.insert(name).inserted { try create(Array(name.utf8), in: folder.path) }
    }
    let listed = try DirectoryListing.names(at: folder.path).get()
    XCTAssertEqual(listed, names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  func testANameThatIsNotUTF8IsRepairedAndSortedAsRepaired() throws {
    let folder = try ScratchFolder()
    try create([0x61, 0xFF, 0x62], in: folder.path)  // `a`, a byte no UTF-8 holds, `b`
    try create(Array("a\u{FFFE}".utf8), in: folder.path)
    try create(Array("a\u{FFFE}c".utf8), in: folder.path)
    let listed = try DirectoryListing.names(at: folder.path).get()
    // U+FFFD, the replacement, sorts between U+FFFE's two neighbours' bytes
    // (EF BF BD before EF BF BE), as the repaired `String` itself would.
    XCTAssertEqual(listed, ["a\u{FFFD}b", "a\u{FFFE}", "a\u{FFFE}c"])
  }

  func testVisiblePathsJoinTheFolderAndLeaveOutDotFiles() throws {
    // `0` (0x30) sorts before `:` (0x3A).
    let folder = try ScratchFolder()
    for name in ["2:2,S", "1:2,S", ".hidden", "..also-hidden", "10:2,"] {
      try create(Array(name.utf8), in: folder.path)
    }
    XCTAssertEqual(
      try DirectoryListing.visiblePaths(in: folder.path).get(),
      ["10:2,", "1:2,S", "2:2,S"].map { folder.path + "/" + $0 })
  }

  func testAnEmptyFolderListsNothingAndAMissingOneFails() throws {
    let folder = try ScratchFolder()
    XCTAssertEqual(try DirectoryListing.names(at: folder.path).get(), [])
    XCTAssertEqual(try DirectoryListing.visiblePaths(in: folder.path).get(), [])
    guard case .failure(let failure) = DirectoryListing.names(at: folder.path + "/missing") else {
      return XCTFail("a missing folder was listed")
    }
    XCTAssertEqual(failure.call, "opendir")
    XCTAssertEqual(failure.code, ENOENT)
  }
}
