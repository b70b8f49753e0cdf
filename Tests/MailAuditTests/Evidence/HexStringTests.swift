import Crypto
import XCTest

@testable import MailAudit

/// Digests written as the index stores them (`headerSHA256`).
final class HexStringTests: XCTestCase {
  /// FIPS 180-2's examples, lower-case, every digit from 0 to f met.
  func testDigestsAreWrittenInLowerCaseHexadecimal() {
    XCTAssertEqual(
      SHA256.hash(data: Array("abc".utf8)).hexString,
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(
      SHA256.hash(data: [UInt8]()).hexString, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(Insecure.MD5.hash(data: [UInt8]()).hexString, "d41d8cd98f00b204e9800998ecf8427e")
  }
}
