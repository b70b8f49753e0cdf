import MailAudit
import MailParsing
import XCTest

/// What needs the full IDNA (Unicode rules and names); skipped while
/// MailParsing has its interim ASCII-only `IDNA.toASCII`.
final class DomainsAfterIDNAMergeTests: XCTestCase {
  override func setUpWithError() throws {
    if IDNA.toASCII("公司.cn") == nil {
      throw XCTSkip("MailParsing's IDNA is the interim ASCII-only one; these run once full IDNA is merged")
    }
  }

  func testBundledListGivesTheInternationalVectorsRegistrableDomains() throws {
    let list = try PublicSuffixList.bundled()
    let vectors = try PublicSuffixVector.loadAll().filter(\.needsIDNA)
    XCTAssertEqual(vectors.count, 18)
    for vector in vectors {
      let domain = try XCTUnwrap(vector.domain.flatMap(IDNA.toASCII), "\(vector)")
      XCTAssertEqual(
        list.registrableDomain(of: domain), vector.registrable.flatMap(IDNA.toASCII), "\(vector)")
      // Unicode input is converted by the list itself too.
      if let unicode = vector.domain, !unicode.allSatisfy(\.isASCII) {
        XCTAssertEqual(
          list.registrableDomain(of: unicode), vector.registrable.flatMap(IDNA.toASCII), "\(vector)")
      }
    }
  }

  func testEveryBundledRuleConvertsToASCII() throws {
    XCTAssertEqual(try PublicSuffixList.bundled().ignoredRules, [])
  }

  func testUnicodeRuleMatchesItsPunycodeForm() {
    let list = PublicSuffixList(rules: "cn\n公司.cn\n")
    XCTAssertEqual(list.publicSuffix(of: "www.shop.xn--55qx5d.cn"), "xn--55qx5d.cn")
    XCTAssertEqual(list.registrableDomain(of: "www.shop.xn--55qx5d.cn"), "shop.xn--55qx5d.cn")
  }

  func testConfiguredUnicodeDomainMatchesItsPunycodeForm() throws {
    let internalDomains = try InternalDomains(configured: ["例え.jp"])
    XCTAssertEqual(internalDomains.domains, ["xn--r8jz45g.jp"])
    XCTAssertTrue(internalDomains.contains("mail.xn--r8jz45g.jp"))
    let providers = try PersonalMailProviders(adding: ["例え.jp"])
    XCTAssertTrue(providers.contains("xn--r8jz45g.jp"))
  }
}
