import XCTest
@testable import MailParsing

final class DateParserTests: XCTestCase {
  struct DateCase: Decodable {
    var name: String
    var header: String
    var iso: String?
    var epoch: Int64?
  }

  func testDateTableReadsEveryFormAndRejectsImpossibleDates() throws {
    for row in try FieldTable.load("date.json", as: [DateCase].self) {
      let date = DateParser.parse(row.header)
      XCTAssertEqual(date?.iso8601, row.iso, "case '\(row.name)': \(row.header)")
      if let epoch = row.epoch { XCTAssertEqual(date?.epochSeconds, epoch, "case '\(row.name)'") }
    }
  }

  func testSameInstantInTwoZonesHasOneEpoch() {
    let tokyo = DateParser.parse("Fri, 1 Mar 2024 09:15:00 +0900")
    let utc = DateParser.parse("Fri, 1 Mar 2024 00:15:00 +0000")
    XCTAssertEqual(tokyo?.epochSeconds, utc?.epochSeconds)
    XCTAssertEqual(tokyo?.offsetSeconds, 32_400)
  }

  func testIso8601KeepsNegativeOffsetWithMinutes() {
    XCTAssertEqual(MessageDate(epochSeconds: 0, offsetSeconds: -12_600).iso8601, "1969-12-31T20:30:00-03:30")
  }

  func testHugeNumbersDoNotTrap() {
    XCTAssertNil(DateParser.parse("99999999999999999999 Mar 99999999999999999999 99999999999999:99999999999:9 +99999999"))
  }
}
