import XCTest

@testable import MailParsing

final class ISO2022JPTests: XCTestCase {
  private let esc: UInt8 = 0x1B
  private var toJIS0208: [UInt8] { [esc, 0x24, 0x42] }  // ESC $ B
  private var toASCII: [UInt8] { [esc, 0x28, 0x42] }  // ESC ( B

  private func decode(_ bytes: [UInt8]) -> String? {
    Charset(label: "iso-2022-jp").decodeStrictly(bytes)
  }

  func testPlainJISX0208Decodes() {
    // 0x24 0x22 is あ.
    XCTAssertEqual(decode(toJIS0208 + [0x24, 0x22] + toASCII + Array(" ok".utf8)), "あ ok")
  }

  func testCP50220NECSpecialCharactersAndFullWidthTildeDecode() {
    // Row 13: ① (0x2D21), ㈱ (0x2D6A); 0x2141 is ～ as Windows writes it.
    XCTAssertEqual(decode(toJIS0208 + [0x2D, 0x21, 0x2D, 0x6A, 0x21, 0x41] + toASCII), "①㈱～")
  }

  func testCP50220RoundTripsThroughCP932() throws {
    // What a Windows client sends for ①㈱～ is CP932 re-laid as JIS rows.
    let cp932: [UInt8] = [0x87, 0x40, 0x87, 0x8A, 0x81, 0x60]
    XCTAssertEqual(Charset(label: "cp932").decodeStrictly(cp932), "①㈱～")
    XCTAssertEqual(ISO2022JP.shiftJIS(0x2D, 0x21), [0x87, 0x40])
    XCTAssertEqual(ISO2022JP.shiftJIS(0x2D, 0x6A), [0x87, 0x8A])
    XCTAssertEqual(ISO2022JP.shiftJIS(0x21, 0x41), [0x81, 0x60])
  }

  func testNECSelectedIBMExtensionsDecode() {
    // Row 89 cell 1 is 纊 (CP932 0xED40).
    XCTAssertEqual(decode(toJIS0208 + [0x79, 0x21] + toASCII), "纊")
  }

  func testHalfWidthKatakanaByEscapeAndByShiftOutDecode() {
    XCTAssertEqual(decode([esc, 0x28, 0x49, 0x31] + toASCII), "ｱ")
    XCTAssertEqual(decode([0x0E, 0x31, 0x0F, 0x41]), "ｱA")
  }

  func testJISX0212Decodes() {
    // ESC $ ( D, 0x22 0x37 is ～ in JIS X 0212 (row 2 cell 23).
    XCTAssertEqual(decode([esc, 0x24, 0x28, 0x44, 0x22, 0x37] + toASCII), "～")
  }

  func testJISRomanAndOldJISEscapesAreAccepted() {
    XCTAssertEqual(decode([esc, 0x24, 0x40, 0x24, 0x22, esc, 0x28, 0x4A, 0x41]), "あA")
  }

  func testEightBitBytesAreNotISO2022JP() {
    XCTAssertNil(decode(Array("テスト".utf8)))
    XCTAssertEqual(Charset(label: "iso-2022-jp").decodeLossily([0x41, 0xE3, 0x42]), "A\u{FFFD}B")
  }

  func testTruncatedDoubleByteCharacterFailsSoftly() {
    XCTAssertNil(decode(toJIS0208 + [0x24]))
    XCTAssertEqual(Charset(label: "iso-2022-jp").decodeLossily(toJIS0208 + [0x24]), "\u{FFFD}")
  }

  func testJISX0213FallsBackToGlibcISO2022JP3() {
    // ESC $ ( Q, 0x2E 0x22 is 𠀋 (U+2000B), a JIS X 0213 plane 1 character
    // outside CP932.
    XCTAssertEqual(decode([esc, 0x24, 0x28, 0x51, 0x2E, 0x22] + toASCII), "\u{2000B}")
  }

  func testSevenBitWordInvalidAsISO2022JPIsNotPassedOffAsUTF8() {
    // Row 0x29 is unassigned: the word is undecodable, not "UTF-8".
    let word = "=?iso-2022-jp?B?GyRCKSEbKEI=?="
    let decoded = EncodedWords.decode(Array(word.utf8))
    XCTAssertEqual(decoded.issues.map(\.kind), [.undecodableWord])
    XCTAssertFalse(decoded.text.unicodeScalars.contains("\u{1B}"))
  }
}
