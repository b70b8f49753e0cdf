import Foundation
import XCTest

@testable import MailAudit

/// The message catalogues: complete, with the same placeholders, and the
/// language and time zone chosen as documented.
final class MessageCatalogTests: XCTestCase {
  func testEveryCatalogueHasEveryEnglishKeyWithTheSamePlaceholders() throws {
    let english = try MessageCatalog.english()
    XCTAssertEqual(Set(Language.available), ["en", "ja"])
    for code in Language.available where code != "en" {
      let other = try MessageCatalog.load(try XCTUnwrap(Language(code: code)))
      // English plurals (`_one`) are English only.
      let needed = english.keys.filter { !$0.hasSuffix("_one") }
      XCTAssertEqual(needed.subtracting(other.keys).sorted(), [], "\(code) lacks these")
      XCTAssertEqual(other.keys.subtracting(english.keys).sorted(), [], "\(code) has keys English has not")
      for key in needed {
        XCTAssertEqual(placeholders(other[key]), placeholders(english[key]), "\(code): \(key)")
      }
    }
  }

  func testTemplatesOnlyUseKeysTheCatalogueHas() throws {
    let english = try MessageCatalog.english()
    for name in ["summary", "incident"] {
      let url = try XCTUnwrap(MessageCatalog.folder).deletingLastPathComponent()
        .appendingPathComponent("templates/\(name).mustache")
      let text = try String(contentsOf: url, encoding: .utf8)
      var rest = Substring(text)
      while let open = rest.range(of: "{{{t.") {
        let close = try XCTUnwrap(rest[open.upperBound...].range(of: "}}}"))
        let key = String(rest[open.upperBound..<close.lowerBound])
        XCTAssertTrue(english.keys.contains(key), "\(name).mustache uses t.\(key)")
        rest = rest[close.upperBound...]
      }
    }
  }

  func testPlaceholdersAreFilledAndNumbersGrouped() throws {
    let english = try MessageCatalog.english()
    XCTAssertEqual(english.counted("summary.undated", 1), "1 finding without a readable date is not charted.")
    XCTAssertEqual(english.counted("summary.undated", 2), "2 findings without a readable date are not charted.")
    let japanese = try MessageCatalog.load(.japanese)
    XCTAssertEqual(japanese.counted("summary.undated", 1), "日付を読み取れない指摘1件はグラフに含めていません。")
    XCTAssertEqual(MessageCatalog.fill("{a} of {b}, {c}", ["a": 14108, "b": Int64(-1000), "c": 999]), "14,108 of -1,000, 999")
    XCTAssertEqual(MessageCatalog.fill("{missing} stays", [:]), "{missing} stays")
  }

  func testTheLanguageComesFromTheOptionThenTheFileThenTheLocale() throws {
    let ja = ["LANG": "ja_JP.UTF-8"]
    XCTAssertEqual(try Language.resolve(option: "en", configured: "ja", environment: ja), .english)
    XCTAssertEqual(try Language.resolve(option: nil, configured: "ja", environment: [:]), .japanese)
    XCTAssertEqual(try Language.resolve(option: nil, configured: nil, environment: ja), .japanese)
    // LC_ALL wins over LANG, and the first one set decides.
    XCTAssertEqual(try Language.resolve(option: nil, configured: nil, environment: ["LC_ALL": "C", "LANG": "ja_JP"]), .english)
    XCTAssertEqual(
      try Language.resolve(option: nil, configured: nil, environment: ["LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US"]),
      .japanese)
    XCTAssertEqual(try Language.resolve(option: nil, configured: nil, environment: ["LANG": "fr_FR.UTF-8"]), .english)
    XCTAssertEqual(try Language.resolve(option: nil, configured: nil, environment: [:]), .english)
    XCTAssertThrowsError(try Language.resolve(option: "fr", configured: nil, environment: [:]))
  }

  func testTheConfigurationTakesLanguageTimezoneAndContactAndRejectsBadOnes() throws {
    let c = try AuditConfiguration(
      toml: "language = \"ja\"\ntimezone = \"Asia/Tokyo\"\ncontact = \"privacy@example.co.jp\"\n", source: "t.toml")
    XCTAssertEqual(c.language, "ja")
    XCTAssertEqual(c.timezone, "Asia/Tokyo")
    XCTAssertEqual(c.contact, "privacy@example.co.jp")
    XCTAssertThrowsError(try AuditConfiguration(toml: "language = \"xx\"\n", source: "t.toml"))
    XCTAssertThrowsError(try AuditConfiguration(toml: "timezone = \"Mars/Olympus\"\n", source: "t.toml"))
  }

  func testAZoneShowsEveryTimeInItsOwnOffsetWithDaylightSaving() throws {
    let tokyo = try ReportTimeZone(identifier: "Asia/Tokyo")
    XCTAssertEqual(tokyo.iso8601(1_741_651_200), "2025-03-11T09:00:00+09:00")
    let london = try ReportTimeZone(identifier: "Europe/London")
    XCTAssertEqual(london.iso8601(1_741_651_200), "2025-03-11T00:00:00+00:00")
    XCTAssertEqual(london.iso8601(1_751_328_000), "2025-07-01T01:00:00+01:00")
    XCTAssertThrowsError(try ReportTimeZone(identifier: "Asia/Nowhere"))
  }

  /// The incidents table showed UTC while the incident view used the
  /// sender's offset: with a zone, both say the same.
  func testIncidentsAndTheirDetailShowTheChosenZoneAndTheFirstMessage() throws {
    let (index, _) = try auditedIndex(PackagePaths.sample)
    let tokyo = try ReportTimeZone(identifier: "Asia/Tokyo")
    let rows = try index.incidents(zone: tokyo)
    let first = try XCTUnwrap(rows.first)
    XCTAssertEqual(first.firstSent, "2025-03-11T07:00:00+09:00")
    XCTAssertEqual(first.firstSubject, "Corp Example customer newsletter, March 2025")
    XCTAssertEqual(first.firstSender, "news@corp.example")
    XCTAssertEqual(try index.incidents(zone: .utc).first?.firstSent, "2025-03-10T22:00:00+00:00")
    let detail = try XCTUnwrap(try index.incidentDetail(id: first.id, zone: tokyo))
    XCTAssertEqual(detail.firstSent, first.firstSent)
    let report = try index.report(zone: tokyo)
    XCTAssertTrue(report.findings.allSatisfy { $0.date?.hasSuffix("+09:00") ?? true })
    XCTAssertTrue(report.exposedAddresses.allSatisfy { $0.firstExposed?.hasSuffix("+09:00") ?? true })
  }

  func testExcelCSVsGetAJapaneseSecondHeaderRowOnlyInJapanese() throws {
    let (index, _) = try auditedIndex(PackagePaths.sample)
    let report = try index.report()
    func lines(_ options: ReportOptions) throws -> [String] {
      String(decoding: try ExposedAddressesCSV().render(report, options: options), as: UTF8.self)
        .components(separatedBy: "\r\n")
    }
    let ja = try lines(ReportOptions(excel: true, language: .japanese))
    XCTAssertEqual(ja[0], "\u{FEFF}" + ExposedAddressesCSV.columns.joined(separator: ","))
    XCTAssertTrue(ja[1].hasPrefix("メールアドレス,表示名,組織・個人,"), ja[1])
    XCTAssertFalse(try lines(ReportOptions(excel: true))[1].hasPrefix("メール"))
    let plain = String(decoding: try FindingsCSV().render(report, options: ReportOptions(language: .japanese)), as: UTF8.self)
    XCTAssertFalse(plain.split(separator: "\n")[1].hasPrefix("Message-ID,日時"))
  }

  func placeholders(_ text: String) -> Set<String> {
    var out = Set<String>()
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out.insert(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return out
  }
}
