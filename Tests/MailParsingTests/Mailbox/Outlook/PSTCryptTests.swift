import XCTest

@testable import MailParsing

final class PSTCryptTests: XCTestCase {
  func testPermuteDecodeTableIsTheSpecificationsThirdTable() {
    // [MS-PST] 5.1: mpbbCrypt[512...] starts 71, 241, 180, 230.
    XCTAssertEqual(Array(PSTCrypt.tableI.prefix(4)), [71, 241, 180, 230])
  }

  func testEachCipherDecodesWhatItEncodesAndCyclicDependsOnTheBlockID() {
    let plain = (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    for crypt in [PSTCrypt.none, .permute, .cyclic] {
      var data = plain
      crypt.encode(&data, bid: 0x1234_5678)
      if crypt != .none { XCTAssertNotEqual(data, plain) }
      crypt.decode(&data, bid: 0x1234_5678)
      XCTAssertEqual(data, plain, "\(crypt)")
    }
    var one = plain, two = plain
    PSTCrypt.cyclic.encode(&one, bid: 4)
    PSTCrypt.cyclic.encode(&two, bid: 8)
    XCTAssertNotEqual(one, two)
  }

  func testHeaderChecksumIsCRC32WithoutInversion() {
    // CRC-32 of "123456789" is 0xCBF43926 with pre- and post-inversion;
    // [MS-PST]'s variant does neither.
    XCTAssertEqual(PSTCrypt.crc(Array("123456789".utf8)[...]), 0x2DFD_2D88)
  }
}

final class PSTHeaderTests: XCTestCase {
  func testHeadersCutShortOrOfUnknownVersionsAreTypedErrorsWithOffsets() throws {
    var unicode = [UInt8](repeating: 0, count: 512)
    unicode[0..<4] = [0x21, 0x42, 0x44, 0x4E]
    unicode[8] = 0x53
    unicode[9] = 0x4D
    unicode[10] = 23
    // 512 bytes: a Unicode header's bCryptMethod (offset 513) is missing.
    XCTAssertThrowsError(try PSTHeader(unicode)) { XCTAssertEqual(($0 as? PSTError)?.offset, 513) }
    unicode[10] = 36
    XCTAssertThrowsError(try PSTHeader(unicode + [0, 0])) { error in
      XCTAssertEqual((error as? PSTError)?.offset, 10)
      // The officer is told what the file is and what to do instead.
      XCTAssertTrue("\(error)".contains("export the mailbox to a .pst"), "\(error)")
    }
    unicode[9] = 0x58
    XCTAssertThrowsError(try PSTHeader(unicode + [0, 0])) { XCTAssertEqual(($0 as? PSTError)?.offset, 8) }
  }
}
