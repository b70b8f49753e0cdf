import XCTest
@testable import MailParsing

final class AddressNormalizationTests: XCTestCase {
  private func normalized(_ local: String, _ domain: String) -> String? {
    Address(localPart: local, domain: domain).normalized
  }

  func testLocalPartAndDomainAreLowerCasedWithTagsAndDotsKept() {
    XCTAssertEqual(normalized("John.Doe+Sales", "Example.CO.JP"), "john.doe+sales@example.co.jp")
  }

  func testQuotedDotAtomIsUnquotedAndOtherQuotedPartsStayQuoted() {
    XCTAssertEqual(normalized("\"John.Doe\"", "x.example"), "john.doe@x.example")
    XCTAssertEqual(normalized("\"John Doe\"", "x.example"), "\"john doe\"@x.example")
    XCTAssertEqual(normalized("\"a..b\"", "x.example"), "\"a..b\"@x.example")
  }

  func testNeedlessQuotedPairsCompareEqualToPlainQuotedText() {
    XCTAssertEqual(normalized("\"jo\\hn doe\"", "x.example"), normalized("\"john doe\"", "x.example"))
    XCTAssertEqual(normalized("\"a\\\"b\"", "x.example"), "\"a\\\"b\"@x.example")
  }

  func testTrailingDotOfDomainIsDropped() {
    XCTAssertEqual(Address(localPart: "a", domain: "Example.com.").normalizedDomain, "example.com")
  }

  func testEmptyDomainCannotBeNormalised() {
    XCTAssertNil(normalized("a", ""))
    XCTAssertNil(normalized("a", "."))
  }

  func testNonAsciiLocalPartIsLowerCasedAsUnicode() {
    XCTAssertEqual(normalized("ÄBC", "x.example"), "äbc@x.example")
  }

  /// Swift's `==` calls canonically equivalent strings equal, so each
  /// comparison here is of the bytes, as the index compares them.
  func testADecomposedLocalPartIsNormalisedToNFC() {
    let precomposed = "jos\u{E9}@x.example"
    XCTAssertEqual(normalized("Jose\u{301}", "x.example").map { Array($0.utf8) }, Array(precomposed.utf8))
    XCTAssertEqual(normalized("JOS\u{C9}", "x.example").map { Array($0.utf8) }, Array(precomposed.utf8))
    // Quoted, the same rule holds for the content.
    XCTAssertEqual(
      normalized("\"Jose\u{301} M\"", "x.example").map { Array($0.utf8) }, Array("\"jos\u{E9} m\"@x.example".utf8))
  }

  func testAnAddressStoredDecomposedIsReadInNFCAndAnASCIIOneAsItIs() {
    XCTAssertEqual(
      Array(Address.canonical(normalized: "jose\u{301}@x.example").utf8), Array("jos\u{E9}@x.example".utf8))
    XCTAssertEqual(Address.canonical(normalized: "john.doe@x.example"), "john.doe@x.example")
  }
}

/// Needs the full IDNA conversion from the Decoding branch.
final class AddressNormalizationAfterDecodingMergeTests: XCTestCase {
  func testUnicodeAndPunycodeDomainsAreOneDomain() {
    let unicode = Address(localPart: "a", domain: "例え.JP").normalized
    let ascii = Address(localPart: "A", domain: "xn--r8jz45g.jp").normalized
    XCTAssertEqual(unicode, "a@xn--r8jz45g.jp")
    XCTAssertEqual(unicode, ascii)
  }
}
