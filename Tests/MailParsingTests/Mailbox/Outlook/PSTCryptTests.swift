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
