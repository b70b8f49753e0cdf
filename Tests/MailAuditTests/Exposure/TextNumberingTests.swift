import XCTest

@testable import MailAudit

/// The table the grouping numbers addresses, parties and thread keys with.
final class TextNumberingTests: XCTestCase {
  func testTextsAreNumberedFromZeroInTheOrderFirstMet() {
    var numbering = TextNumbering()
    XCTAssertEqual(numbering.number(of: "b@x.example"), 0)
    XCTAssertEqual(numbering.number(of: "a@x.example"), 1)
    XCTAssertEqual(numbering.number(of: "b@x.example"), 0)
    XCTAssertEqual(numbering.number(of: ""), 2)
    XCTAssertEqual(numbering.number(of: "山田@例え.jp"), 3)
    XCTAssertEqual(numbering.number(of: "a@x.example"), 1)
    XCTAssertEqual(numbering.count, 4)
  }

  /// 100,000 texts, long and short, each met twice: the table grows many
  /// times, and every text keeps the number it was first given.
  func testEveryTextKeepsItsNumberThroughTheTablesGrowth() {
    var numbering = TextNumbering()
    func text(_ i: Int) -> String { i % 2 == 0 ? "\(i)" : "person.number.\(i)@long-domain-name.example" }
    for i in 0..<100_000 {
      guard numbering.number(of: text(i)) == Int32(i) else { return XCTFail("text \(i) was not numbered \(i)") }
    }
    for i in stride(from: 99_999, through: 0, by: -1) {
      guard numbering.number(of: text(i)) == Int32(i) else { return XCTFail("text \(i) lost its number") }
    }
    XCTAssertEqual(numbering.count, 100_000)
  }

  /// Texts behind the same 32 bits of hash are told apart by their text,
  /// before and after the table grows, also where their probing runs past
  /// the last slot and on from the first (the hash of all ones).
  func testTextsWithEqualHashBitsGetNumbersOfTheirOwn() {
    for hash: UInt32 in [7, 0xFFFF_FFFF] {
      var numbering = TextNumbering()
      for i in 0..<50 { XCTAssertEqual(numbering.number(of: "t\(i)", assumingHash: hash), Int32(i)) }
      for i in 0..<50 { XCTAssertEqual(numbering.number(of: "t\(i)", assumingHash: hash), Int32(i)) }
      XCTAssertEqual(numbering.number(of: "u", assumingHash: hash), 50)
      XCTAssertEqual(numbering.number(of: "v", assumingHash: hash &- 1), 51)
      XCTAssertEqual(numbering.number(of: "t0", assumingHash: hash), 0)
      XCTAssertEqual(numbering.count, 52)
    }
  }

  /// Texts are equal as `String`s are: a text written with other scalars
  /// that are canonically the same (é as one scalar or as e and an accent,
  /// the Kelvin sign and K) has the number of the text first met, as when
  /// the table kept `String`s; different texts stay apart however their
  /// hashes fall.
  func testCanonicallyEquivalentTextsShareOneNumber() {
    var numbering = TextNumbering()
    XCTAssertEqual(numbering.number(of: "caf\u{E9}"), 0)
    XCTAssertEqual(numbering.number(of: "cafe\u{301}"), 0)
    XCTAssertEqual(numbering.number(of: "K"), 1)
    XCTAssertEqual(numbering.number(of: "\u{212A}"), 1)
    XCTAssertEqual(numbering.number(of: "cafe"), 2)
    XCTAssertEqual(numbering.count, 3)
    var colliding = TextNumbering()
    XCTAssertEqual(colliding.number(of: "caf\u{E9}", assumingHash: 7), 0)
    XCTAssertEqual(colliding.number(of: "cafe\u{301}", assumingHash: 7), 0)
    XCTAssertEqual(colliding.number(of: "cafe", assumingHash: 7), 1)
    XCTAssertEqual(colliding.number(of: "caf\u{E8}", assumingHash: 7), 2)
    XCTAssertEqual(colliding.count, 3)
  }
}
