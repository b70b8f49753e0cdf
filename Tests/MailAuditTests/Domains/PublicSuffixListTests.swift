import Foundation
import MailAudit
import XCTest

final class PublicSuffixListTests: XCTestCase {
  private let rules = """
    // ===BEGIN ICANN DOMAINS===
    jp
    co.jp
    *.ck
    !www.ck
    com   trailing text after whitespace is not part of the rule
    // ===END ICANN DOMAINS===
    // ===BEGIN PRIVATE DOMAINS===
    github.io\r
    a.*.odd
    !single
    // ===END PRIVATE DOMAINS===
    """

  func testNormalRuleMakesTheNextLabelRegistrable() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.publicSuffix(of: "sales.acme.co.jp"), "co.jp")
    XCTAssertEqual(list.registrableDomain(of: "sales.acme.co.jp"), "acme.co.jp")
    XCTAssertEqual(list.registrableDomain(of: "acme.co.jp"), "acme.co.jp")
    XCTAssertNil(list.registrableDomain(of: "co.jp"))
    XCTAssertNil(list.registrableDomain(of: "jp"))
  }

  func testWildcardMakesEveryChildPublicAndExceptionOverridesIt() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertNil(list.registrableDomain(of: "ck"))
    XCTAssertNil(list.registrableDomain(of: "test.ck"))
    XCTAssertEqual(list.publicSuffix(of: "a.b.test.ck"), "test.ck")
    XCTAssertEqual(list.registrableDomain(of: "a.b.test.ck"), "b.test.ck")
    XCTAssertEqual(list.publicSuffix(of: "www.www.ck"), "ck")
    XCTAssertEqual(list.registrableDomain(of: "www.www.ck"), "www.ck")
  }

  func testImplicitStarRuleMakesAnUnlistedTopLevelDomainPublic() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.publicSuffix(of: "a.b.example"), "example")
    XCTAssertEqual(list.registrableDomain(of: "a.b.example"), "b.example")
    XCTAssertNil(list.registrableDomain(of: "localhost"))
  }

  func testPrivateSectionRulesApplyLikeICANNOnes() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.registrableDomain(of: "alice.github.io"), "alice.github.io")
    XCTAssertNotEqual(
      list.registrableDomain(of: "alice.github.io"), list.registrableDomain(of: "bob.github.io"))
  }

  func testRuleIsReadUpToWhitespaceAndCarriageReturn() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.registrableDomain(of: "www.example.com"), "example.com")
    XCTAssertEqual(list.publicSuffix(of: "x.github.io"), "github.io")
  }

  func testUnusableRulesAreListedNotCounted() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.ignoredRules, ["a.*.odd", "!single"])
    XCTAssertEqual(list.ruleCount, 6)
  }

  /// Rules are read on their bytes when ASCII and as text otherwise: an
  /// upper-case rule is lower-cased, a Unicode one converted with IDNA, a
  /// line starting with white space or `//` is no rule, and a Unicode
  /// rule IDNA refuses is listed as unusable, as written.
  func testRulesAreReadWhateverTheirCaseScriptOrBytes() {
    let list = PublicSuffixList(
      rules: "CO.UK\n*.Kawasaki.JP\n!City.Kawasaki.JP\n  indented.example\n//x.example\n\u{4F8B}.jp\n\u{4F8B}..jp\n")
    XCTAssertEqual(list.registrableDomain(of: "shop.acme.co.uk"), "acme.co.uk")
    XCTAssertEqual(list.registrableDomain(of: "a.b.kawasaki.jp"), "a.b.kawasaki.jp")
    XCTAssertEqual(list.registrableDomain(of: "www.city.kawasaki.jp"), "city.kawasaki.jp")
    XCTAssertEqual(list.publicSuffix(of: "shop.xn--fsq.jp"), "xn--fsq.jp")
    XCTAssertEqual(list.registrableDomain(of: "a.indented.example"), "indented.example")
    XCTAssertEqual(list.ruleCount, 4)
    XCTAssertEqual(list.ignoredRules, ["\u{4F8B}..jp"])
  }

  func testUpperCaseInputIsLowerCased() {
    let list = PublicSuffixList(rules: rules)
    XCTAssertEqual(list.registrableDomain(of: "WWW.Acme.CO.JP"), "acme.co.jp")
  }

  func testWhatIsNotADomainNameHasNoRegistrableDomain() {
    let list = PublicSuffixList(rules: rules)
    for input in ["", ".", ".com", "a..co.jp", "acme.co.jp.", "[1.2.3.4]", "[IPv6:::1]", "10.0.0.1"] {
      XCTAssertNil(list.registrableDomain(of: input), input)
      XCTAssertNil(list.publicSuffix(of: input), input)
    }
  }

  func testGivenRulesNameTheirSource() {
    XCTAssertEqual(PublicSuffixList(rules: "com").source, "given rules")
    XCTAssertEqual(PublicSuffixList(rules: "com", source: "test").source, "test")
  }

  func testBundledSnapshotLoadsFromTheModuleBundle() throws {
    let list = try PublicSuffixList.bundled()
    XCTAssertTrue(list.source.hasPrefix("bundled snapshot "), list.source)
    XCTAssertTrue(list.source.hasSuffix("public_suffix_list.dat"), list.source)
    XCTAssertGreaterThan(list.ruleCount, 9000)
    XCTAssertEqual(list.registrableDomain(of: "sales.acme.co.jp"), "acme.co.jp")
    // A PRIVATE-section rule of the snapshot.
    XCTAssertEqual(list.publicSuffix(of: "alice.github.io"), "github.io")
  }

  func testLoadUsesTheSystemCopyWhenItHoldsRules() throws {
    let path = try temporaryFile(contents: "jp\nco.jp\n")
    let list = try PublicSuffixList.load(systemPath: path)
    XCTAssertEqual(list.source, path)
    XCTAssertEqual(list.ruleCount, 2)
  }

  func testLoadFallsBackToTheBundledSnapshotWithoutASystemCopy() throws {
    let list = try PublicSuffixList.load(systemPath: "/nonexistent/public_suffix_list.dat")
    XCTAssertTrue(list.source.hasPrefix("bundled snapshot "), list.source)
    XCTAssertGreaterThan(list.ruleCount, 9000)
  }

  func testLoadSaysWhyAnEmptySystemCopyWasNotUsed() throws {
    let path = try temporaryFile(contents: "// nothing but a comment\n")
    let list = try PublicSuffixList.load(systemPath: path)
    XCTAssertTrue(list.source.hasPrefix("bundled snapshot "), list.source)
    XCTAssertTrue(list.source.hasSuffix("(system copy \(path) not used: it holds no rules)"), list.source)
  }

  private func temporaryFile(contents: String) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("psl-\(UUID().uuidString).dat")
    try contents.write(to: url, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
  }
}
