import Glibc
import XCTest

@testable import MailParsing

final class DirectoryListingTests: XCTestCase {
  /// Creates `name` (raw bytes, which need not be UTF-8) in `folder`.
  private func create(_ name: [UInt8], in folder: String) {
    let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
    let descriptor = path.withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
    }
    guard descriptor >= 0 else { return XCTFail("cannot create a file: errno \(errno)") }
    close(descriptor)
  }

  func testNamesAreSortedByTheirBytesWithoutDotAndDotDot() throws {
    let folder = try ScratchFolder()
    let names = [
      "b", "ab", "a", "B", "a b", "é", "z", ".hidden", "1700000000.M10P1.host:2,S", "1700000000.M9P1.host:2,S",
    ]
    for name in names { create(Array(name.utf8), in: folder.path) }
    let listed = try DirectoryListing.names(at: folder.path).get()
    XCTAssertEqual(
      listed,
      [".hidden", "1700000000.M10P1.host:2,S", "1700000000.M9P1.host:2,S", "B", "a", "a b", "ab", "b", "z", "é"])
  }

  func testManyNamesComeInTheOrderOfTheirUTF8Bytes() throws {
    let folder = try ScratchFolder()
    var generator = SplitMix(seed: 20261202)
    let alphabet = Array("0123456789.:,MPSabcXYZ-_日本é".utf8)
    var names = Set<String>()
    while names.count < 2000 {
      let length = Int.random(in: 1...24, using: &generator)
      var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      if bytes.first == UInt8(ascii: ".") { bytes[0] = UInt8(ascii: "x") }
      let name = String(decoding: bytes, as: UTF8.self)
      if !name.contains("/"), names.insert(name).inserted { create(Array(name.utf8), in: folder.path) }
    }
    let listed = try DirectoryListing.names(at: folder.path).get()
    XCTAssertEqual(listed, names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
  }

  func testANameThatIsNotUTF8IsRepairedAndSortedAsRepaired() throws {
    let folder = try ScratchFolder()
    create([0x61, 0xFF, 0x62], in: folder.path)  // `a`, a byte no UTF-8 holds, `b`
    create(Array("a\u{FFFE}".utf8), in: folder.path)
    create(Array("a\u{FFFE}c".utf8), in: folder.path)
    let listed = try DirectoryListing.names(at: folder.path).get()
    // Repaired, the name holds U+FFFD (EF BF BD), which sorts before both
    // U+FFFE names (EF BF BE); its raw byte FF would sort after them.
    XCTAssertEqual(listed, ["a\u{FFFD}b", "a\u{FFFE}", "a\u{FFFE}c"])
  }

  func testVisiblePathsJoinTheFolderAndLeaveOutDotFiles() throws {
    // `0` (0x30) sorts before `:` (0x3A).
    let folder = try ScratchFolder()
    for name in ["2:2,S", "1:2,S", ".hidden", "..also-hidden", "10:2,"] {
      create(Array(name.utf8), in: folder.path)
    }
    XCTAssertEqual(
      try DirectoryListing.visiblePaths(in: folder.path).get(),
      ["10:2,", "1:2,S", "2:2,S"].map { folder.path + "/" + $0 })
  }

  func testADotFileIsOneWhoseFirstCharacterIsTheDotAlone() throws {
    let folder = try ScratchFolder()
    // A dot carrying a combining acute accent, or joined by ZWJ, is a
    // character of its own, not a dot: such a name was never hidden.
    let names = [".a", ".\u{301}x", ".\u{200D}y", "..", ".", "z.", "\u{301}."]
    for name in names where name != "." && name != ".." { create(Array(name.utf8), in: folder.path) }
    let visible = try DirectoryListing.names(at: folder.path).get().filter { !$0.hasPrefix(".") }
    XCTAssertEqual(try DirectoryListing.visiblePaths(in: folder.path).get(), visible.map { folder.path + "/" + $0 })
    XCTAssertTrue(visible.contains("z."))
    XCTAssertFalse(visible.contains(".a"))
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

/// The Compound File tests' fixed generator, so a failing run can be repeated.
extension SplitMix: RandomNumberGenerator {}
