import XCTest

@testable import MailParsing

/// The encoded words mailaudit writes (Outlook header blocks, notification
/// drafts) read back through its own decoder as the text they came from.
final class EncodedWordWriterTests: XCTestCase {
  let texts = [
    "個人情報の取扱いに関するお詫びとご報告（第2報）", String(repeating: "é", count: 100), "👨‍👩‍👧‍👦 family emoji 👍🏽", String(repeating: "\u{1F3F4}\u{E0067}\u{E0062}", count: 3) + String(repeating: "\u{301}", count: 30),
    "plain ASCII that only needs folding because it is long, very long, longer than one word can hold",
  ]

  func testWordsDecodeBackToTheTextAndNeverSplitACharacter() {
    for text in texts {
      for used in [1, 9, 40, 70] {
        let words = EncodedWordWriter.words(text, used: used)
        XCTAssertEqual(EncodedWords.decode(Array(words.joined(separator: "\r\n ").utf8)).text, text, "\(text) at \(used)")
        for word in words {
          XCTAssertLessThanOrEqual(word.count, 75, word)
          // Each word alone decodes to whole characters: none was cut.
          let alone = EncodedWords.decode(Array(word.utf8))
          XCTAssertTrue(alone.issues.isEmpty, "\(word): \(alone.issues)")
          XCTAssertTrue(text.unicodeScalars.count >= alone.text.unicodeScalars.count, word)
        }
        if used <= 58 {
          XCTAssertLessThanOrEqual(used + (words.first?.count ?? 0), 78, "the first word fits after \(used) characters")
        }
      }
    }
  }

  func testBase64IsRFC4648WithPadding() {
    XCTAssertEqual(EncodedWordWriter.base64(Array("".utf8)), "")
    XCTAssertEqual(EncodedWordWriter.base64(Array("f".utf8)), "Zg==")
    XCTAssertEqual(EncodedWordWriter.base64(Array("fo".utf8)), "Zm8=")
    XCTAssertEqual(EncodedWordWriter.base64(Array("foobar".utf8)), "Zm9vYmFy")
    XCTAssertEqual(EncodedWordWriter.base64([0xFF, 0xFE, 0xFD]), "//79")
  }
}
