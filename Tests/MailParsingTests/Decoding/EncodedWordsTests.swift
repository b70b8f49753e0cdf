import Foundation
import XCTest

@testable import MailParsing

/// One row of `Tests/Fixtures/fields/encoded-word.json`.
private struct EncodedWordCase: Decodable {
  var name: String
  var source: String
  /// The header text, when it is valid UTF-8 (JSON strings are).
  var input: String?
  /// The header bytes in hex, for raw 8-bit input in a legacy charset.
  var inputHex: String?
  var text: String
  var issues: [String]

  var bytes: [UInt8]? {
    if let input { return Array(input.utf8) }
    guard let inputHex, inputHex.utf8.count % 2 == 0 else { return nil }
    var result: [UInt8] = []
    var digits = inputHex.makeIterator()
    while let high = digits.next(), let low = digits.next() {
      guard let byte = UInt8(String([high, low]), radix: 16) else { return nil }
      result.append(byte)
    }
    return result
  }
}

final class EncodedWordsTests: XCTestCase {
  private static var fixtureURL: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fields/encoded-word.json")
  }

  func testEveryCaseInTheEncodedWordTableDecodesAsExpected() throws {
    struct Table: Decodable { var cases: [EncodedWordCase] }
    let data = try Data(contentsOf: Self.fixtureURL)
    let table = try JSONDecoder().decode(Table.self, from: data)
    XCTAssertGreaterThan(table.cases.count, 40)
    for testCase in table.cases {
      let bytes = try XCTUnwrap(testCase.bytes, "\(testCase.name): no input")
      let decoded = EncodedWords.decode(bytes)
      XCTAssertEqual(
        decoded.text, testCase.text, "\(testCase.name) [\(testCase.source)]")
      XCTAssertEqual(
        decoded.issues.map(\.kind.rawValue), testCase.issues,
        "\(testCase.name) [\(testCase.source)]: \(decoded.issues)")
    }
  }

  func testPlainASCIIWithoutEncodedWordsComesBackUnchanged() {
    let decoded = EncodedWords.decode(Array("Re: quarterly report = done?".utf8))
    XCTAssertEqual(decoded, DecodedText(text: "Re: quarterly report = done?"))
  }

  func testDecodeAcceptsAnySliceOfBytes() {
    let bytes = Array("xx=?utf-8?Q?=C3=A9?=xx".utf8)
    XCTAssertEqual(EncodedWords.decode(bytes.dropFirst(2).dropLast(2)).text, "é")
  }

  func testDecodeAcceptsNonContiguousCollections() {
    let lazyBytes = Array("=?utf-8?Q?=C3=A9?= ok".utf8).lazy.map { $0 }
    XCTAssertEqual(EncodedWords.decode(lazyBytes).text, "é ok")
  }

  func testUndecodableWordIssueNamesTheWordAsWritten() throws {
    let decoded = EncodedWords.decode(Array("=?utf-8?B?@@@@?=".utf8))
    let issue = try XCTUnwrap(decoded.issues.first)
    XCTAssertEqual(issue.kind, .undecodableWord)
    XCTAssertTrue(issue.detail.contains("=?utf-8?B?@@@@?="), issue.detail)
  }

  func testUnknownCharsetIssueNamesTheLabel() {
    let decoded = EncodedWords.decode(Array("=?x-klingon?Q?a?=".utf8))
    XCTAssertEqual(decoded.issues, [DecodingIssue(kind: .unknownCharset, detail: "x-klingon")])
  }

  func testWordsInDifferentCharsetsAreNotJoinedAsBytes() {
    // Bytes E3 81 in UTF-8 then 82 in Latin-1 must not form "あ".
    let decoded = EncodedWords.decode(Array("=?utf-8?Q?=E3=81?= =?iso-8859-2?Q?=82?=".utf8))
    XCTAssertNotEqual(decoded.text, "あ")
    XCTAssertFalse(decoded.issues.isEmpty)
  }

  func testRepeatedIssuesAreReportedOnce() {
    let decoded = EncodedWords.decode(Array("=?x-a?Q?a?= b =?x-a?Q?c?=".utf8))
    XCTAssertEqual(decoded.text, "a b c")
    XCTAssertEqual(decoded.issues.count, 1)
  }

  func testTruncatedAndGarbageInputNeverTraps() {
    let samples = [
      "=?", "=?=", "=??", "=?a?", "=?a?B", "=?a?B?", "=?a?B?=", "=?a?Q?=?=", "=?a?Q?=A?=",
      "=?*?B?QQ==?=", "=?utf-8?B?QQ=?=", "=?iso-2022-jp?B?Gw==?=", "=?iso-2022-jp?B?GyRC?=",
      "=?iso-2022-jp?B?GyRCLQ==?=", "=?utf-7?Q?+AAA?=", "=?utf-16?B?AA?=",
    ]
    for sample in samples {
      _ = EncodedWords.decode(Array(sample.utf8))
    }
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("=?QBqb_ABCDEFabc0123456789+/ \r\n\u{1B}$(@".utf8) + [0x80, 0xA4, 0xE3, 0xFF]
    for _ in 0..<2000 {
      let length = Int.random(in: 0...24, using: &generator)
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
      let decoded = EncodedWords.decode(bytes)
      for issue in decoded.issues {
        XCTAssertTrue(
          [.undecodableWord, .unknownCharset, .charsetGuess].contains(issue.kind), "\(bytes)")
        XCTAssertFalse(issue.detail.isEmpty, "\(bytes)")
      }
    }
  }
}
