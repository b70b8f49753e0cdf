import XCTest

@testable import MailParsing

final class IDNATests: XCTestCase {
  func testJapaneseLabelBecomesItsPunycodeForm() {
    XCTAssertEqual(IDNA.toASCII("例え.jp"), "xn--r8jz45g.jp")
  }

  func testASCIIDomainIsLowerCased() {
    XCTAssertEqual(IDNA.toASCII("Mail.Example.COM"), "mail.example.com")
  }

  func testUpperCaseNonASCIILabelIsLowerCasedBeforeEncoding() {
    XCTAssertEqual(IDNA.toASCII("BÜCHER.de"), IDNA.toASCII("bücher.de"))
    XCTAssertEqual(IDNA.toASCII("bücher.de"), "xn--bcher-kva.de")
  }

  func testDecomposedInputIsNormalisedToNFC() {
    // "u" + COMBINING DIAERESIS must give the same label as "ü".
    XCTAssertEqual(IDNA.toASCII("bu\u{0308}cher.de"), "xn--bcher-kva.de")
  }

  func testFullWidthAndIdeographicDotsSeparateLabels() {
    XCTAssertEqual(IDNA.toASCII("例え。jp"), "xn--r8jz45g.jp")
    XCTAssertEqual(IDNA.toASCII("例え．jp"), "xn--r8jz45g.jp")
    XCTAssertEqual(IDNA.toASCII("例え｡jp"), "xn--r8jz45g.jp")
  }

  func testExistingALabelIsKeptLowerCased() {
    XCTAssertEqual(IDNA.toASCII("XN--R8JZ45G.jp"), "xn--r8jz45g.jp")
  }

  func testInvalidALabelIsRejected() {
    XCTAssertNil(IDNA.toASCII("xn--abc!.jp"))
  }

  func testEmptyLabelInTheMiddleIsRejected() {
    XCTAssertNil(IDNA.toASCII("a..jp"))
    XCTAssertNil(IDNA.toASCII(".jp"))
    XCTAssertNil(IDNA.toASCII(""))
  }

  func testTrailingRootDotIsDropped() {
    XCTAssertEqual(IDNA.toASCII("example.com."), "example.com")
  }

  func testLabelLongerThan63OctetsIsRejected() {
    XCTAssertNil(IDNA.toASCII(String(repeating: "a", count: 64) + ".com"))
    XCTAssertNotNil(IDNA.toASCII(String(repeating: "a", count: 63) + ".com"))
    // Sample (G) of RFC 3492 twice: 38 characters, 70 octets of punycode.
    XCTAssertNil(IDNA.toASCII(String(repeating: "なぜみんな日本語を話してくれないのか", count: 2) + ".jp"))
  }

  func testToUnicodeDecodesALabels() {
    XCTAssertEqual(IDNA.toUnicode("xn--r8jz45g.jp"), "例え.jp")
    XCTAssertEqual(IDNA.toUnicode("XN--BCHER-KVA.de"), "bücher.de")
    XCTAssertNil(IDNA.toUnicode("xn--abc!.jp"))
  }

  func testToASCIIAndToUnicodeRoundTrip() throws {
    for domain in ["例え.jp", "bücher.de", "пример.рф", "mail.example.com"] {
      let ascii = try XCTUnwrap(IDNA.toASCII(domain))
      XCTAssertEqual(IDNA.toUnicode(ascii), domain)
    }
  }
}
