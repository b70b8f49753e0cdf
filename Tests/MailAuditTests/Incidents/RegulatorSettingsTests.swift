import XCTest

@testable import MailAudit

/// Options given for one run replace the configured settings, and only
/// those given.
final class RegulatorSettingsTests: XCTestCase {
  func testOptionsGivenReplaceConfiguredValuesAndOthersStay() {
    var configured = RegulatorSettings()
    configured.pricePerAddress = 10_000
    configured.currency = "JPY"
    configured.organisation = "Corp Example"
    configured.preliminaryDays = 3

    let run = configured.overriding(currency: "EUR", publicBody: true)
    XCTAssertEqual(run.currency, "EUR")
    XCTAssertTrue(run.publicBody)
    XCTAssertEqual(run.pricePerAddress, 10_000)
    XCTAssertEqual(run.preliminaryDays, 3)
    XCTAssertEqual(run.organisation, "Corp Example")

    XCTAssertEqual(configured.overriding(), configured)
    XCTAssertEqual(configured.overriding(pricePerAddress: 0, preliminaryDays: 5).pricePerAddress, 0)
  }
}
