import MailAudit
import XCTest

final class PersonalMailProvidersTests: XCTestCase {
  /// Copied from docs/exposure-rules.md ("Personal-mail provider").
  private let rulesList: Set<String> = [
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp", "ymail.com", "outlook.com",
    "outlook.jp", "hotmail.com", "hotmail.co.jp", "live.com", "live.jp", "msn.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "proton.me", "gmx.de",
    "gmx.net", "web.de", "mail.ru", "yandex.ru", "qq.com", "163.com", "126.com", "naver.com",
    "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp",
    "ymobile.ne.jp", "nifty.com", "ocn.ne.jp", "biglobe.ne.jp", "so-net.ne.jp",
  ]

  func testBuiltInListIsExactlyTheOneTheRulesName() {
    XCTAssertEqual(PersonalMailProviders.builtInDomains.count, rulesList.count, "duplicates")
    XCTAssertEqual(Set(PersonalMailProviders.builtInDomains), rulesList)
    XCTAssertEqual(PersonalMailProviders.builtIn.entries, rulesList)
  }

  func testEntryAndItsSubdomainsAreProviders() {
    let providers = PersonalMailProviders.builtIn
    XCTAssertTrue(providers.contains("gmail.com"))
    XCTAssertTrue(providers.contains("mail.yahoo.co.jp"))
    XCTAssertEqual(providers.entry(for: "mail.yahoo.co.jp"), "yahoo.co.jp")
  }

  func testLookAlikesAreNotProviders() {
    let providers = PersonalMailProviders.builtIn
    XCTAssertFalse(providers.contains("notgmail.com"))
    XCTAssertFalse(providers.contains("gmail.com.evil.example"))
    XCTAssertFalse(providers.contains("co.jp"))
    XCTAssertFalse(providers.contains("softbank.jp"))
    XCTAssertFalse(providers.contains(""))
  }

  func testMostSpecificEntryIsReported() throws {
    let providers = try PersonalMailProviders(adding: ["softbank.jp"])
    XCTAssertEqual(providers.entry(for: "x.i.softbank.jp"), "i.softbank.jp")
    XCTAssertEqual(providers.entry(for: "x.softbank.jp"), "softbank.jp")
  }

  func testConfigurationAddsAndRemovesEntriesWrittenLoosely() throws {
    let providers = try PersonalMailProviders(adding: [" @Example.NET", ".isp.example"], removing: ["GMAIL.com"])
    XCTAssertTrue(providers.contains("example.net"))
    XCTAssertTrue(providers.contains("pop.isp.example"))
    XCTAssertFalse(providers.contains("gmail.com"))
    XCTAssertTrue(providers.contains("googlemail.com"))
  }

  func testAFullyQualifiedNameWithTheRootDotIsTheSameDomain() throws {
    // IDNA drops the root label, so `isp.example.` means `isp.example`.
    XCTAssertTrue(try PersonalMailProviders(adding: ["isp.example."]).contains("isp.example"))
  }

  func testRemovingWinsOverAdding() throws {
    let providers = try PersonalMailProviders(adding: ["isp.example"], removing: ["isp.example"])
    XCTAssertFalse(providers.contains("isp.example"))
  }

  func testConfiguredEntryThatIsNotADomainIsAnErrorNamingTheSetting() {
    for bad in ["", "@", "a..example", "exa mple.com", "isp.example/", "[1.2.3.4]"] {
      XCTAssertThrowsError(try PersonalMailProviders(adding: [bad]), bad) { error in
        XCTAssertEqual(error as? InvalidDomainError, InvalidDomainError(domain: bad, setting: "personal_providers.add"))
      }
    }
  }
}
