import XCTest
@testable import MailParsing

final class HeaderBlockTests: XCTestCase {
  private func block(_ text: String) -> HeaderBlock { HeaderBlock(Array(text.utf8)) }
  private func value(_ field: HeaderField?) -> String? { field.map { String(decoding: $0.value, as: UTF8.self) } }

  func testFieldNamesMatchInAnyCase() {
    let parsed = block("TO: a@x\nsUbJeCt: hi\nMessage-Id: <m@x>\n")
    XCTAssertEqual(parsed.fields.map(\.name), [.to, .subject, .messageID])
  }

  func testContinuationLinesAreUnfoldedForLFAndCRLF() {
    for ending in ["\n", "\r\n"] {
      let parsed = block("To: a@x,\(ending)\tb@y,\(ending) c@z\(ending)Subject: s\(ending)")
      XCTAssertEqual(value(parsed.first(.to)), " a@x,\tb@y, c@z", "ending \(ending.debugDescription)")
      XCTAssertEqual(value(parsed.first(.subject)), " s")
    }
  }

  func testOffsetsPointAtFieldStartsWithinTheBlock() {
    let parsed = block("From: a@x\r\nTo: b@y\r\n")
    XCTAssertEqual(parsed.fields.map(\.offset), [0, 11])
  }

  func testLeadingMboxFromLineIsSkippedNotCounted() {
    let parsed = block("From sender@x Mon Jan  1 12:00:00 2024\nFrom: a@x\n")
    XCTAssertEqual(parsed.fields.map(\.name), [.from])
    XCTAssertEqual(parsed.malformedLineCount, 0)
  }

  func testLinesWithoutColonAreSkippedAndCountedWithTheirContinuations() {
    let parsed = block("garbage line\n continued: x\nTo: a@x\nanother one\n")
    XCTAssertEqual(parsed.fields.map(\.name), [.to])
    XCTAssertEqual(value(parsed.first(.to)), " a@x")
    XCTAssertEqual(parsed.malformedLineCount, 2)
  }

  func testWhitespaceBeforeColonIsAccepted() {
    XCTAssertEqual(value(block("To \t: a@x\n").first(.to)), " a@x")
  }

  func testNulBytesDoNotEndTheBlock() {
    let parsed = HeaderBlock(Array("Subject: a".utf8) + [0] + Array("b\nTo: c@x\n".utf8))
    XCTAssertEqual(parsed.first(.subject)?.value, Array(" a".utf8) + [0] + Array("b".utf8))
    XCTAssertEqual(value(parsed.first(.to)), " c@x")
  }

  func testUnwantedFieldsAreNotMaterialised() {
    let parsed = block("Received: from a\n by b\nX-Other: 1\nTo: a@x\n")
    XCTAssertEqual(parsed.fields.map(\.name), [.to])
    XCTAssertEqual(parsed.fieldCount, 3)
  }

  func testLeadingContinuationLineBelongsToNoField() {
    XCTAssertEqual(block(" stray\nTo: a@x\n").fields.map(\.name), [.to])
  }

  func testFieldLargerThanLimitIsCutAndRemembersItsSize() {
    let long = String(repeating: "a@x.example, ", count: HeaderLimits.maxFieldBytes / 13 + 10)
    let parsed = block("To: \(long)\n continued@x\n")
    let field = parsed.first(.to)
    XCTAssertEqual(field?.value.count, HeaderLimits.maxFieldBytes)
    XCTAssertEqual(field?.originalLength, long.utf8.count + 1 + " continued@x".utf8.count)
  }

  func testEmptyAndLFOnlyBlocksYieldNoFields() {
    XCTAssertTrue(block("").fields.isEmpty)
    XCTAssertTrue(block("\n\n\r\n").fields.isEmpty)
  }
}
