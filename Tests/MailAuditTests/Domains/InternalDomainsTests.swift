import MailAudit
import XCTest

final class InternalDomainsTests: XCTestCase {
  func testSubdomainOfAConfiguredDomainIsInternalButALookAlikeIsNot() throws {
    let internalDomains = try InternalDomains(configured: ["corp.example"])
    XCTAssertTrue(internalDomains.contains("corp.example"))
    XCTAssertTrue(internalDomains.contains("eu.corp.example"))
    XCTAssertFalse(internalDomains.contains("notcorp.example"))
    XCTAssertFalse(internalDomains.contains("example"))
    XCTAssertFalse(internalDomains.contains("corp.example.net"))
  }

  func testConfiguredDomainsAreNormalisedAndSorted() throws {
    let internalDomains = try InternalDomains(configured: ["@Corp.Example", "b.example", "corp.example"])
    XCTAssertEqual(internalDomains.domains, ["b.example", "corp.example"])
  }

  func testConfiguredDomainThatIsNotADomainIsAnErrorNamingTheSetting() {
    XCTAssertThrowsError(try InternalDomains(configured: ["corp..example"])) { error in
      XCTAssertEqual(
        error as? InvalidDomainError, InvalidDomainError(domain: "corp..example", setting: "internal_domains"))
      XCTAssertEqual(
        (error as? InvalidDomainError)?.errorDescription,
        "internal_domains: \"corp..example\" is not a domain name that can be converted to ASCII (IDNA)")
    }
  }

  func testInferenceUsesRegistrableDomainsAndLeavesOutProviders() throws {
    let catalog = DomainCatalog(suffixes: try PublicSuffixList.bundled())
    let senders = [
      "mail.acme.co.jp", "acme.co.jp", "gmail.com", "sales.acme.co.jp", "tokyo.example.com",
      "mail.yahoo.co.jp", "", "localhost",
    ]
    let inferred = InternalDomains.infer(fromSenderDomains: senders, catalog: catalog)
    XCTAssertEqual(
      inferred,
      [
        InferredDomain(domain: "acme.co.jp", messageCount: 3),
        InferredDomain(domain: "example.com", messageCount: 1),
        InferredDomain(domain: "localhost", messageCount: 1),
      ])
  }

  func testInferredDomainsMakeTheirSubdomainsInternal() throws {
    let catalog = DomainCatalog(suffixes: try PublicSuffixList.bundled())
    let inferred = InternalDomains.infer(fromSenderDomains: ["hq.acme.co.jp"], catalog: catalog)
    let internalDomains = InternalDomains(inferred: inferred)
    XCTAssertEqual(internalDomains.domains, ["acme.co.jp"])
    XCTAssertTrue(internalDomains.contains("eu.acme.co.jp"))
    XCTAssertFalse(internalDomains.contains("other.co.jp"))
  }
}
