import XCTest

@testable import MailParsing

final class AddressTokenTests: XCTestCase {
  func testTokensKeepTheirKindsAndByteRanges() {
    let field = Array(#""A B" <a@b.example>, (note) c@d"#.utf8)
    let tokens = AddressTokenizer.tokenize(field)
    let read = tokens.map { ($0.kind, String(decoding: field[$0.start..<$0.end], as: UTF8.self), $0.spaceBefore) }
    let expected: [(AddressToken.Kind, String, Bool)] = [
      (.quoted, #""A B""#, false), (.special, "<", true), (.word, "a", false), (.special, "@", false),
      (.word, "b", false), (.special, ".", false), (.word, "example", false), (.special, ">", false),
      (.special, ",", false), (.comment, "(note)", true), (.word, "c", true), (.special, "@", false),
      (.word, "d", false),
    ]
    XCTAssertEqual(read.count, expected.count)
    for (got, want) in zip(read, expected) {
      XCTAssertEqual(got.0, want.0, "\(want.1)")
      XCTAssertEqual(got.1, want.1)
      XCTAssertEqual(got.2, want.2, "space before \(want.1)")
    }
  }

  func testTokensPastSixteenBitsKeepTheirPositions() {
    // Positions are stored in 32 bits: an address 5 MB into a field.
    let padding = String(repeating: "x", count: 5_000_000)
    let field = Array("\(padding)@y.example, last@z.example".utf8)
    let tokens = AddressTokenizer.tokenize(field)
    let last = tokens[tokens.count - 5]
    XCTAssertEqual(last.start, 5_000_000 + 12)
    XCTAssertEqual(String(decoding: field[last.start..<last.end], as: UTF8.self), "last")
    XCTAssertEqual(AddressListParser.parse(field).addresses.last?.normalized, "last@z.example")
  }

  func testATokenIsTwelveBytes() {
    // A field of 100,000 short addresses is about 600,000 tokens; at 32
    // bytes each their array set a scan's peak memory.
    XCTAssertEqual(MemoryLayout<AddressToken>.stride, 12)
  }
}
