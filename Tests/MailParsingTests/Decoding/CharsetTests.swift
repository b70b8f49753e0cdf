import XCTest

@testable import MailParsing

final class CharsetTests: XCTestCase {
  private func decode(_ label: String, _ bytes: [UInt8]) -> String? {
    Charset(label: label).decodeStrictly(bytes)
  }

  func testLabelsAreLowerCasedWithUnderscoresAsHyphens() {
    XCTAssertEqual(Charset(label: "Shift_JIS").label, "shift-jis")
    XCTAssertEqual(Charset(label: "\"ISO-8859-1\"").label, "iso-8859-1")
    XCTAssertEqual(Charset(label: "Shift_JIS"), Charset(label: "SHIFT-jis"))
  }

  func testShiftJISAliasesReadAsCP932() {
    // 0x87 0x40 is ①, a NEC special character only CP932 has.
    for label in ["shift_jis", "sjis", "x-sjis", "Shift-JIS", "windows-31j", "cp932"] {
      XCTAssertEqual(decode(label, [0x87, 0x40]), "①", label)
    }
  }

  func testLatin1AndASCIILabelsReadAsWindows1252() {
    // 0x80 is € and 0x93/0x94 curly quotes in windows-1252, C1 controls in Latin-1.
    for label in ["iso-8859-1", "ISO_8859-1", "us-ascii", "latin1", "windows-1252", "cp1252"] {
      XCTAssertEqual(decode(label, [0x80, 0x93, 0x94]), "€“”", label)
    }
  }

  func testGB2312LabelReadsGB18030OnlyCharacters() {
    // 0x81 0x30 0x81 0x30 is a four-byte GB18030 sequence (U+0080).
    XCTAssertEqual(decode("gb2312", [0x81, 0x30, 0x81, 0x30]), "\u{80}")
  }

  func testKoreanLabelsReadAsCP949() {
    // 0x81 0x41 (갂) exists only in CP949's extension of EUC-KR.
    for label in ["euc-kr", "ks_c_5601-1987", "KS_C_5601-1987", "cp949"] {
      XCTAssertEqual(decode(label, [0x81, 0x41]), "갂", label)
    }
  }

  func testUTF7Decodes() {
    XCTAssertEqual(decode("utf-7", Array("Hi +ZeVnLIqe-".utf8)), "Hi 日本語")
    XCTAssertEqual(decode("UTF7", Array("A+ImIDkQ.".utf8)), "A≢Α.")
  }

  func testOtherCommonMailCharsetsDecode() {
    XCTAssertEqual(decode("koi8-r", [0xF0, 0xD2, 0xC9]), "При")
    XCTAssertEqual(decode("koi8-u", [0xA4]), "є")
    XCTAssertEqual(decode("big5", [0xA4, 0xA4]), "中")
    XCTAssertEqual(decode("tis-620", [0xA1]), "ก")
    XCTAssertEqual(decode("iso-8859-2", [0xB1]), "ą")
    XCTAssertEqual(decode("iso-8859-16", [0xA1]), "Ą")
    XCTAssertEqual(decode("windows-1251", [0xC0]), "А")
    XCTAssertEqual(decode("cp1250", [0x8A]), "Š")
    XCTAssertEqual(decode("utf8", Array("é".utf8)), "é")
    XCTAssertEqual(decode("euc-jp", [0xA4, 0xA2]), "あ")
  }

  func testUnknownLabelIsNotKnownAndDecodesToNil() {
    let charset = Charset(label: "x-klingon")
    XCTAssertFalse(charset.isKnown)
    XCTAssertNil(charset.decodeStrictly([0x41]))
    XCTAssertNil(charset.decodeLossily([0x41]))
  }

  func testLabelCannotSmuggleIconvOptions() {
    XCTAssertFalse(Charset(label: "utf-16//IGNORE").isKnown)
    XCTAssertFalse(Charset(label: "").isKnown)
  }

  func testInvalidBytesFailStrictlyAndBecomeReplacementCharactersLossily() {
    let charset = Charset(label: "shift_jis")
    // 0x82 needs a trail byte; 0xFF is never valid.
    XCTAssertNil(charset.decodeStrictly([0x41, 0x82]))
    XCTAssertEqual(charset.decodeLossily([0x41, 0xFF, 0x42]), "A\u{FFFD}B")
  }

  func testLongInputIsConvertedWhole() {
    let text = String(repeating: "日本語のテキスト", count: 2000)
    let utf16BE = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    XCTAssertEqual(decode("utf-16be", utf16BE), text)
    let shiftJIS = Array(repeating: [0x82, 0xA0] as [UInt8], count: 5000).flatMap { $0 }
    XCTAssertEqual(decode("shift_jis", shiftJIS), String(repeating: "あ", count: 5000))
  }
}
