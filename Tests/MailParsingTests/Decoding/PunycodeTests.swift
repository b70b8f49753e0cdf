import Foundation
import XCTest

@testable import MailParsing

final class PunycodeTests: XCTestCase {
  private struct Table: Decodable {
    struct Row: Decodable {
      var section: String
      var unicode: String
      var punycode: String
    }
    var cases: [Row]
  }

  private func rfc3492Samples() throws -> [Table.Row] {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fields/punycode.json")
    return try JSONDecoder().decode(Table.self, from: Data(contentsOf: url)).cases
  }

  func testEncodeGivesTheRFC3492SampleStrings() throws {
    let samples = try rfc3492Samples()
    XCTAssertEqual(samples.count, 19)
    for sample in samples {
      // (I) is printed with one upper-case letter as a case annotation.
      XCTAssertEqual(
        Punycode.encode(sample.unicode)?.lowercased(), sample.punycode.lowercased(),
        "7.1 (\(sample.section))")
    }
  }

  func testDecodeGivesBackTheRFC3492SampleStrings() throws {
    for sample in try rfc3492Samples() {
      XCTAssertEqual(Punycode.decode(sample.punycode), sample.unicode, "7.1 (\(sample.section))")
    }
  }

  func testDecodeRejectsCharactersOutsideTheDigitAlphabet() {
    XCTAssertNil(Punycode.decode("abc!"))
    XCTAssertNil(Punycode.decode("例"))
  }

  func testDecodeRejectsATruncatedDelta() {
    // Sample (B) without its last digit: "y" is not a final digit there.
    XCTAssertNil(Punycode.decode("ihqwcrb4cv8a8dqg056pqjy"))
  }

  func testDecodeRejectsDeltasThatOverflow() {
    // "9" (35) never ends a number, so the weight grows past 32 bits.
    XCTAssertNil(Punycode.decode("99999999999999999999"))
  }
}
