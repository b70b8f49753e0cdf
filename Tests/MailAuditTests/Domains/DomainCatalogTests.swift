import Foundation
import MailAudit
import XCTest

final class DomainCatalogTests: XCTestCase {
  private func catalog() throws -> DomainCatalog {
    DomainCatalog(suffixes: try PublicSuffixList.bundled())
  }

  func testSubdomainAndDomainOfOneRegistrantAreOneParty() throws {
    let catalog = try catalog()
    let sales = try XCTUnwrap(catalog.classify(address: "bob@sales.acme.co.jp"))
    let head = try XCTUnwrap(catalog.classify(address: "alice@acme.co.jp"))
    XCTAssertEqual(sales.party, .organisation(domain: "acme.co.jp"))
    XCTAssertEqual(sales.party, head.party)
    XCTAssertFalse(sales.isPersonal)
    XCTAssertEqual(sales.domain, "sales.acme.co.jp")
  }

  func testSiblingsUnderAPublicSuffixAreTwoParties() throws {
    let catalog = try catalog()
    let a = try XCTUnwrap(catalog.classify(address: "x@a.co.jp"))
    let b = try XCTUnwrap(catalog.classify(address: "x@b.co.jp"))
    XCTAssertEqual(a.party, .organisation(domain: "a.co.jp"))
    XCTAssertEqual(b.party, .organisation(domain: "b.co.jp"))
    XCTAssertNotEqual(a.party, b.party)
  }

  func testEachAddressAtAPersonalProviderIsItsOwnParty() throws {
    let catalog = try catalog()
    let one = try XCTUnwrap(catalog.classify(address: "one@gmail.com"))
    let two = try XCTUnwrap(catalog.classify(address: "two@gmail.com"))
    XCTAssertEqual(one.party, .person(address: "one@gmail.com"))
    XCTAssertNotEqual(one.party, two.party)
    XCTAssertTrue(one.isPersonal)
    XCTAssertEqual(one.party.label, "one@gmail.com")
  }

  func testSubdomainOfAProviderIsPersonal() throws {
    let classification = try XCTUnwrap(try catalog().classify(address: "taro@mail.yahoo.co.jp"))
    XCTAssertEqual(classification.party, .person(address: "taro@mail.yahoo.co.jp"))
    XCTAssertTrue(classification.isPersonal)
  }

  func testDomainWithoutRegistrablePartIsItsOwnParty() throws {
    let catalog = try catalog()
    for domain in ["localhost", "[1.2.3.4]", "jp", "co.jp"] {
      let classification = try XCTUnwrap(catalog.classify(address: "root@\(domain)"), domain)
      XCTAssertEqual(classification.party, .organisation(domain: domain))
      XCTAssertFalse(classification.isPersonal, domain)
    }
  }

  func testDomainIsWhatFollowsTheLastAt() throws {
    let classification = try XCTUnwrap(try catalog().classify(address: "\"a@b.com\"@sales.acme.com"))
    XCTAssertEqual(classification.party, .organisation(domain: "acme.com"))
  }

  func testTextWithoutAtIsNotClassified() throws {
    XCTAssertNil(try catalog().classify(address: "not-an-address"))
  }

  func testPartyLabelIsTheDomainForAnOrganisation() {
    XCTAssertEqual(Party.organisation(domain: "acme.co.jp").label, "acme.co.jp")
    XCTAssertFalse(Party.organisation(domain: "acme.co.jp").isPerson)
  }

  func testPartyRoundTripsThroughJSON() throws {
    let parties: [Party] = [.person(address: "a@gmail.com"), .organisation(domain: "acme.co.jp")]
    let data = try JSONEncoder().encode(parties)
    XCTAssertEqual(try JSONDecoder().decode([Party].self, from: data), parties)
  }
}
