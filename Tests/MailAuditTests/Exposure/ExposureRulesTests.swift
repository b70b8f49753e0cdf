import MailParsing
import XCTest

@testable import MailAudit

/// Each rule of the exposure rules page, proved with a message built for it.
final class ExposureRulesTests: XCTestCase {
  static let catalog: DomainCatalog = {
    do { return DomainCatalog(suffixes: try PublicSuffixList.bundled()) } catch { fatalError("\(error)") }
  }()

  func outcome(_ header: String, insiders: [String] = ["corp.example"], policy: ExposurePolicy? = nil) -> ExposureAnalyzer.Outcome {
    let raw = RawMessage(
      location: MessageLocation(format: .single, mailbox: "test", file: "test.eml"), header: Array(header.utf8))
    let (scanned, _) = ScanDriver.read(raw)
    let p = policy ?? ExposurePolicy(internalDomains: insiders)
    var analyzer = ExposureAnalyzer(
      policy: p, internalDomains: InternalDomainSet(domains: p.internalDomains, inferred: false), catalog: Self.catalog)
    return analyzer.analyze(scanned.message)
  }

  func finding(_ header: String, insiders: [String] = ["corp.example"], file: StaticString = #filePath, line: UInt = #line) throws -> ExposureFinding {
    guard case .exposure(let f) = outcome(header, insiders: insiders) else {
      XCTFail("expected an exposure", file: file, line: line)
      throw XCTSkip("no finding")
    }
    return f
  }

  func testTwoCompaniesInToAreAnExposure() throws {
    let f = try finding("From: a@corp.example\nTo: x@acme.example, y@globex.example\nSubject: hi\n")
    XCTAssertEqual(f.parties, 2)
    XCTAssertEqual(f.exposed.map(\.address), ["x@acme.example", "y@globex.example"])
    XCTAssertEqual(f.severity, .low)
  }

  /// A message stored by a build that kept a decomposed local part as
  /// written is analysed with the address in NFC, as a scan now stores it:
  /// the index compares addresses by their bytes.
  func testARecipientStoredDecomposedIsExposedInNFC() {
    let message = SentMessage(
      key: "k", messageID: nil, date: nil, sender: "a@corp.example", senderName: nil, subject: nil, inReplyTo: [],
      references: [],
      recipients: [
        VisibleRecipient(address: "jose\u{301}@acme.example"), VisibleRecipient(address: "y@globex.example"),
      ])
    var analyzer = ExposureAnalyzer(
      policy: ExposurePolicy(internalDomains: ["corp.example"]),
      internalDomains: InternalDomainSet(domains: ["corp.example"], inferred: false), catalog: Self.catalog)
    guard case .exposure(let f) = analyzer.analyze(message) else { return XCTFail("expected an exposure") }
    XCTAssertEqual(
      f.exposed.map { Array($0.address.utf8) },
      [Array("jos\u{E9}@acme.example".utf8), Array("y@globex.example".utf8)])
  }

  func testColleaguesOfOneCompanyAreNotAnExposure() {
    XCTAssertEqual(
      outcome("From: a@corp.example\nTo: x@acme.example, y@sales.acme.example\nCc: b@corp.example\n"), .noExposure)
  }

  func testSubdomainsOfOneRegistrableDomainAreOneParty() {
    XCTAssertEqual(outcome("From: a@corp.example\nTo: x@sales.acme.co.jp, y@acme.co.jp\n"), .noExposure)
    XCTAssertNotEqual(outcome("From: a@corp.example\nTo: x@a.co.jp, y@b.co.jp\n"), .noExposure)
  }

  func testBccIsNeverVisible() {
    XCTAssertEqual(
      outcome("From: a@corp.example\nTo: undisclosed-recipients:;\nBcc: x@acme.example, y@globex.example\n"),
      .noExposure)
    XCTAssertEqual(
      outcome("From: a@corp.example\nTo: x@acme.example\nResent-To: a@corp.example\nResent-Bcc: y@globex.example\n"),
      .noExposure)
  }

  func testResentRecipientsAreVisibleWithTheOriginalOnes() throws {
    let f = try finding("From: a@corp.example\nTo: x@acme.example\nResent-From: a@corp.example\nResent-To: y@globex.example\n")
    XCTAssertEqual(Set(f.exposed.map(\.address)), ["x@acme.example", "y@globex.example"])
  }

  func testGroupMembersAreVisibleAndEmptyGroupsAddNone() throws {
    let f = try finding("From: a@corp.example\nTo: Customers: x@acme.example, y@globex.example;, Nobody:;\n")
    XCTAssertEqual(f.exposed.count, 2)
  }

  func testAnAddressInSeveralFieldsCountsOnce() throws {
    let f = try finding("From: a@corp.example\nTo: X@ACME.example, y@globex.example\nCc: x@acme.EXAMPLE\n")
    XCTAssertEqual(f.exposed.count, 2)
    XCTAssertEqual(f.visibleRecipients, 2)
  }

  func testQuotedDotAtomLocalPartIsTheUnquotedAddress() throws {
    let f = try finding("From: a@corp.example\nTo: \"john.doe\"@acme.example, john.doe@acme.example, y@globex.example\n")
    XCTAssertEqual(f.exposed.map(\.address), ["john.doe@acme.example", "y@globex.example"])
  }

  func testInternalSubdomainsAreInternal() {
    XCTAssertEqual(outcome("From: a@corp.example\nTo: x@acme.example, b@eu.corp.example\n"), .noExposure)
  }

  func testAConfiguredUnicodeInternalDomainMatchesItsASCIIForm() {
    let set = InternalDomainSet(domains: ["例え.JP", "@Corp.Example"], inferred: false)
    XCTAssertEqual(set.domains, ["corp.example", "xn--r8jz45g.jp"])
    XCTAssertTrue(set.contains("mail.xn--r8jz45g.jp"))
    XCTAssertTrue(set.contains("corp.example"))
  }

  func testEachPersonalProviderAddressIsItsOwnParty() throws {
    let f = try finding("From: a@corp.example\nTo: p.one@gmail.com, p.two@gmail.com\n")
    XCTAssertEqual(f.parties, 2)
    XCTAssertEqual(f.personalCount, 2)
    XCTAssertEqual(f.severity, .medium, "two personal addresses are medium")
  }

  func testExposedToCountsOtherPartiesRecipients() throws {
    let f = try finding("From: a@corp.example\nTo: x1@acme.example, x2@acme.example, y@globex.example, p@gmail.com\n")
    let exposedTo = Dictionary(uniqueKeysWithValues: f.exposed.map { ($0.address, $0.exposedTo) })
    XCTAssertEqual(exposedTo, ["x1@acme.example": 2, "x2@acme.example": 2, "y@globex.example": 3, "p@gmail.com": 3])
  }

  func testSeverityThresholds() {
    let t = SeverityThresholds()
    XCTAssertEqual(t.severity(exposed: 100, personal: 0), .critical)
    XCTAssertEqual(t.severity(exposed: 99, personal: 19), .high)
    XCTAssertEqual(t.severity(exposed: 20, personal: 20), .critical)
    XCTAssertEqual(t.severity(exposed: 19, personal: 4), .medium)
    XCTAssertEqual(t.severity(exposed: 5, personal: 0), .medium)
    XCTAssertEqual(t.severity(exposed: 4, personal: 1), .low)
    XCTAssertEqual(t.severity(exposed: 6, personal: 5), .high)
  }

  func testReplyByInReplyToOrPrefixInAnyWidthOrCase() throws {
    let base = "From: a@corp.example\nTo: x@acme.example, y@globex.example\n"
    XCTAssertTrue(try finding(base + "In-Reply-To: <1@x>\nSubject: plain\n").reply)
    for subject in ["Re: x", "RE:x", "aw: x", "SV : x", "返信: x", "Ｒｅ：x", "ｒｅ: x", "返信：x"] {
      XCTAssertTrue(SubjectPrefixes.isReply(subject), subject)
    }
    for subject in ["Renewal of contract", "Regarding: x", "x Re: y", "Fwd: x"] {
      XCTAssertFalse(SubjectPrefixes.isReply(subject), subject)
    }
    XCTAssertFalse(try finding(base + "Subject: Renewal\n").reply)
  }

  func testMinPartiesIsConfigurable() {
    let three = ExposurePolicy(internalDomains: ["corp.example"], minParties: 3)
    XCTAssertEqual(outcome("From: a@corp.example\nTo: x@acme.example, y@globex.example\n", policy: three), .noExposure)
  }

  func testAllowlistSuppressesWhenAllExternalRecipientsAreInOneGroup() {
    let policy = ExposurePolicy(
      internalDomains: ["corp.example"],
      allowlist: [AllowedGroup(name: "joint project", members: ["acme.example", "globex.example"])])
    XCTAssertEqual(
      outcome("From: a@corp.example\nTo: x@sales.acme.example, y@globex.example\n", policy: policy),
      .allowed(group: "joint project"))
    guard case .exposure = outcome("From: a@corp.example\nTo: x@acme.example, y@globex.example, z@initech.example\n", policy: policy) else {
      return XCTFail("a recipient outside the group keeps it a finding")
    }
  }

  func testIDNDomainsCompareInTheirASCIIForm() throws {
    let f = try finding("From: a@corp.example\nTo: x@例え.jp, X@xn--r8jz45g.jp, y@globex.example\n")
    XCTAssertEqual(f.exposed.map(\.address), ["x@xn--r8jz45g.jp", "y@globex.example"])
  }
}

/// Exchange X.500 legacy addresses: visible, unclassifiable until mapped.
final class X500AddressTests: XCTestCase {
  let header = """
    From: a@corp.example
    To: "Kato" </O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=kato1>, y@globex.example

    """

  func outcome(map: [String: String]) throws -> ExposureAnalyzer.Outcome {
    let raw = RawMessage(location: MessageLocation(format: .single, mailbox: "t", file: "t.eml"), header: Array(header.utf8))
    let (scanned, problems) = ScanDriver.read(raw)
    XCTAssertTrue(problems.contains { $0.kind == .x500Address }, "an X.500 address is still reported")
    let policy = ExposurePolicy(internalDomains: ["corp.example"], x500Map: map)
    var analyzer = ExposureAnalyzer(
      policy: policy, internalDomains: InternalDomainSet(domains: ["corp.example"], inferred: false),
      catalog: try testCatalog())
    return analyzer.analyze(scanned.message)
  }

  func testUnmappedX500AddressCannotMakeAnExposure() throws {
    XCTAssertEqual(try outcome(map: [:]), .noExposure)
  }

  func testMappedX500AddressIsClassifiedAsItsSMTPAddress() throws {
    let dn = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=kato1"
    guard case .exposure(let f) = try outcome(map: [dn: "Kato@Acme.example"]) else { return XCTFail("expected a finding") }
    XCTAssertEqual(Set(f.exposed.map(\.address)), ["kato@acme.example", "y@globex.example"])
  }

  func testIMCEAEXEncapsulationIsTheSameDistinguishedName() {
    XCTAssertEqual(
      X500Address.key("IMCEAEX-_O=EXCHANGELABS_OU=EXCHANGE+20ADMINISTRATIVE+20GROUP_CN=RECIPIENTS_CN=kato1@corp.example"),
      X500Address.key("/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=kato1"))
  }
}
