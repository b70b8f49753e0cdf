import XCTest

@testable import MailAudit

final class AuditConfigurationTests: XCTestCase {
  func testEverySettingOfTheFileReachesThePolicyAndThePack() throws {
    let config = try AuditConfiguration(
      toml: """
        internal_domains = ["Corp.Example"]
        min_parties = 3
        public_body = true
        [personal_providers]
        add = ["isp.example"]
        remove = ["gmx.de"]
        [severity]
        high = { exposed = 10 }
        [cost]
        price_per_address = 500
        currency = "EUR"
        [[allow]]
        name = "board"
        members = ["a.example", "b.example"]
        [x500]
        "/O=CORP/CN=RECIPIENTS/CN=TANAKA" = "tanaka@corp.example"
        [regulator]
        preliminary_days = 3
        """, source: "test.toml")
    let policy = config.policy
    XCTAssertEqual(policy.internalDomains, ["corp.example"])
    XCTAssertEqual(policy.minParties, 3)
    XCTAssertEqual(policy.thresholds.high.exposed, 10)
    XCTAssertEqual(policy.thresholds.high.personal, 5)
    XCTAssertEqual(policy.allowlist, [AllowedGroup(name: "board", members: ["a.example", "b.example"])])
    let settings = config.regulatorSettings
    XCTAssertEqual(settings.pricePerAddress, 500)
    XCTAssertEqual(settings.currency, "EUR")
    XCTAssertTrue(settings.publicBody)
    XCTAssertEqual(settings.preliminaryDays, 3)
    XCTAssertEqual(settings.finalDays, 30)
    XCTAssertEqual(config.x500, ["/O=CORP/CN=RECIPIENTS/CN=TANAKA": "tanaka@corp.example"])
    let catalog = try config.catalog()
    XCTAssertTrue(catalog.providers.contains("isp.example"))
    XCTAssertFalse(catalog.providers.contains("gmx.de"))
  }

  func testCommandLineSettingsOverrideTheFileOnlyWhereGiven() throws {
    let config = try AuditConfiguration(
      toml: "internal_domains = [\"corp.example\"]\nmin_parties = 3\n", source: "x.toml")
    XCTAssertEqual(config.policy().internalDomains, ["corp.example"])
    XCTAssertEqual(config.policy().minParties, 3)
    let overridden = config.policy(internalDomains: ["Other.Example"], minParties: 2)
    XCTAssertEqual(overridden.internalDomains, ["other.example"])
    XCTAssertEqual(overridden.minParties, 2)
    XCTAssertEqual(config.policy(minParties: 5).internalDomains, ["corp.example"])
  }

  func testAMisspeltKeyIsAnErrorNamingIt() {
    XCTAssertThrowsError(try AuditConfiguration(toml: "min_partys = 3\n", source: "x.toml")) { error in
      XCTAssertEqual(error as? ConfigurationError, .unknownKeys(file: "x.toml", keys: ["min_partys"]))
    }
  }

  func testASyntaxErrorNamesFileAndLine() {
    XCTAssertThrowsError(try AuditConfiguration(toml: "min_parties = 2\ninternal_domains = [\n", source: "x.toml")) {
      error in
      guard case .syntax(let file, let line, _, _) = error as? ConfigurationError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(file, "x.toml")
      XCTAssertGreaterThanOrEqual(line, 2)
    }
  }

  func testTheInitTemplateParsesBackToWhatWasInferred() throws {
    let text = ConfigurationTemplate.text(domains: ["corp.example": 30, "corp-group.example": 2], source: "Sent.mbox")
    let config = try AuditConfiguration(toml: text, source: "init")
    XCTAssertEqual(config.internalDomains, ["corp.example", "corp-group.example"])
    XCTAssertNil(config.minParties)
  }

  func testDiscoveryTimesInTheFormsPeopleType() {
    XCTAssertEqual(DiscoveryTime("2025-03-20T10:00+09:00")?.text, "2025-03-20T10:00:00+09:00")
    XCTAssertEqual(DiscoveryTime("2025-03-20 10:00:30+0900")?.text, "2025-03-20T10:00:30+09:00")
    XCTAssertEqual(DiscoveryTime("2025-03-20T01:00Z")?.epochSeconds, DiscoveryTime("2025-03-20T10:00+09:00")?.epochSeconds)
    XCTAssertEqual(DiscoveryTime("2025-03-20", defaultOffset: 3600)?.text, "2025-03-20T00:00:00+01:00")
    XCTAssertNil(DiscoveryTime("20/03/2025"))
    XCTAssertNil(DiscoveryTime("2025-03-20T10:00+09:00junk"))
  }

  func testFollowUpImportReadsTheSpreadsheetsSpellings() throws {
    let csv = "\u{FEFF}address,status,note\r\n\"Tanaka, T <TANAKA@X.example>\",confirmed deleted,phoned\r\nb@y.example,no_answer,\r\n\r\n"
    let records = try FollowUpImport.records(csv: csv, incidentID: "INC-1")
    XCTAssertEqual(
      records,
      [
        FollowUpRecord(incidentID: "INC-1", address: "tanaka@x.example", status: .deleted, note: "phoned"),
        FollowUpRecord(incidentID: "INC-1", address: "b@y.example", status: .noAnswer),
      ])
    XCTAssertThrowsError(try FollowUpImport.records(csv: "address,status\nb@y.example,maybe\n", incidentID: "I")) {
      XCTAssertEqual($0 as? FollowUpError, .importLine(2, "unknown status 'maybe'"))
    }
  }
}
