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

  func testIso8601IsTheGeneralFormForEveryYearAndOffset() {
    let offsets = [0, 1, 59, 60, 3_600, 32_400, -12_600, -43_200, 50_400, 359_940, -359_940, 360_000, -360_000]
    // 0000-01-01, 9999-12-31 and the seconds around them, 1970, 2024,
    // years before 0 and after 9999.
    let epochs: [Int64] = [
      -62_167_219_200, -62_167_219_201, 253_402_300_799, 253_402_300_800, 0, -1, 1_709_284_500, 951_782_400,
      -99_999_999_999, 99_999_999_999,
    ]
    var compared = 0
    for epoch in epochs {
      for offset in offsets {
        for shift: Int64 in [-86_400, -1, 0, 1, 86_399] {
          let date = MessageDate(epochSeconds: epoch + shift, offsetSeconds: offset)
          XCTAssertEqual(date.iso8601, date.generalISO8601, "epoch \(epoch + shift), offset \(offset)")
          compared += 1
        }
      }
    }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<20_000 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let epoch = Int64(bitPattern: seed >> 20) % 400_000_000_000
      let offset = Int(Int64(bitPattern: seed) % 400_000)
      let date = MessageDate(epochSeconds: epoch, offsetSeconds: offset)
      XCTAssertEqual(date.iso8601, date.generalISO8601, "epoch \(epoch), offset \(offset)")
      compared += 1
    }
    XCTAssertEqual(compared, 20_650)
    XCTAssertEqual(MessageDate(epochSeconds: 1_709_284_500, offsetSeconds: 32_400).iso8601, "2024-03-01T18:15:00+09:00")
  }

  func testHugeNumbersDoNotTrap() {
    XCTAssertNil(DateParser.parse("99999999999999999999 Mar 99999999999999999999 99999999999999:99999999999:9 +99999999"))
  }
}
