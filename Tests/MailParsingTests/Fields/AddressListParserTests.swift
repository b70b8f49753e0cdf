import XCTest
@testable import MailParsing

/// One row of Tests/Fixtures/fields/address.json.
struct AddressCase: Decodable {
  struct Expected: Decodable {
    var address: String
    var name: String?
    var group: String?
  }

  var name: String
  var header: String
  var addresses: [Expected]
  var unreadable: [String]?
  var groups: [String]?
  var x500: [String]?
  /// Display names that need the full RFC 2047 decoder (see
  /// AddressListParserAfterDecodingMergeTests).
  var afterDecodingMerge: Bool?
}

final class AddressListParserTests: XCTestCase {
  func testAddressTableYieldsExpectedAddressesGroupsAndUnreadableEntries() throws {
    for row in try FieldTable.load("address.json", as: [AddressCase].self) {
      let list = AddressListParser.parse(row.header)
      let context = "case '\(row.name)': \(row.header)"
      XCTAssertEqual(list.addresses.map(\.normalized), row.addresses.map(\.address), context)
      XCTAssertEqual(list.unreadable, row.unreadable ?? [], context)
      // Encoded names are checked in AddressListParserAfterDecodingMergeTests.
      if row.afterDecodingMerge != true {
        XCTAssertEqual(list.addresses.map(\.displayName), row.addresses.map(\.name), context)
        XCTAssertEqual(list.addresses.map(\.group), row.addresses.map(\.group), context)
        XCTAssertEqual(list.groups, row.groups ?? [], context)
      }
      XCTAssertEqual(list.x500Addresses, row.x500 ?? [], context)
    }
  }

  func testHundredThousandAddressesAllParse() {
    var header: [UInt8] = []
    header.reserveCapacity(100_000 * 24)
    for index in 0..<100_000 {
      if index > 0 { header.append(contentsOf: Array(",\r\n ".utf8)) }
      header.append(contentsOf: Array("User \(index) <u\(index)@d\(index % 97).example>".utf8))
    }
    let list = AddressListParser.parse(header)
    XCTAssertEqual(list.addresses.count, 100_000)
    XCTAssertEqual(list.addresses.last?.normalized, "u99999@d89.example")
    XCTAssertEqual(list.addresses.last?.displayName, "User 99999")
    XCTAssertTrue(list.unreadable.isEmpty)
  }

  func testHundredThousandNestedOrUnclosedCommentsKeepTheAddressAndDoNotRecurse() {
    // Nesting is bounded (AddressTokenizer.maxCommentDepth); past the bound
    // and after an unclosed comment the parens are text, so the pass stays
    // linear and nothing recurses on input depth.
    let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
    XCTAssertEqual(AddressListParser.parse("a@b.example " + deep).addresses.compactMap(\.normalized), ["a@b.example"])
    let unclosed = String(repeating: "(", count: 100_000) + " a@b.example, c@d.example"
    XCTAssertEqual(
      AddressListParser.parse(unclosed).addresses.compactMap(\.normalized), ["a@b.example", "c@d.example"])
  }

  func testFiftyThousandAddressesWithoutCommasInOneEntryAllParse() {
    // One entry holding every address: per-address work must not rescan it.
    let bare = AddressListParser.parse("(list) " + String(repeating: "a@b.example c@d.example ", count: 25_000))
    XCTAssertEqual(bare.addresses.count, 50_000)
    XCTAssertEqual(bare.addresses.last?.normalized, "c@d.example")
    let angled = AddressListParser.parse("(list) " + String(repeating: "<a@b.example> ", count: 50_000))
    XCTAssertEqual(angled.addresses.count, 50_000)
  }

  func testFiftyThousandIMCEAEXAddressesInOneEntryShareOneCopyOfItsText() {
    // Each is listed with the entry's raw text; a copy per address was
    // 50,000 copies of a 1 MB entry, and removing each from the middle of
    // the addresses moved the rest every time.
    let entry = String(repeating: "IMCEAEX-a@b.example ", count: 50_000) + "c@d.example"
    let list = AddressListParser.parse(entry)
    XCTAssertEqual(list.addresses.map(\.normalized), ["c@d.example"])
    XCTAssertEqual(list.x500Addresses.count, 50_000)
    XCTAssertTrue(list.x500Addresses.allSatisfy { $0 == entry })
  }

  func testDeeplyNestedCommentDoesNotHideFollowingAddress() {
    let header = String(repeating: "(", count: 10_000) + " a@x.example"
    let list = AddressListParser.parse(header)
    XCTAssertEqual(list.addresses.map(\.normalized), ["a@x.example"])
  }

  func testManyUnclosedQuotesAndBracketsStillParseAddresses() {
    let header = String(repeating: "\"<[(=?", count: 5_000) + ", a@x.example"
    let list = AddressListParser.parse(header)
    XCTAssertEqual(list.addresses.last?.normalized, "a@x.example")
  }

  func testEveryByteValueIsSurvivable() {
    let header = (0...255).map { UInt8($0) } + Array(", <a@b.example>".utf8)
    let list = AddressListParser.parse(header)
    XCTAssertEqual(list.addresses.last?.normalized, "a@b.example")
    XCTAssertFalse(list.unreadable.isEmpty, "the junk before the comma is reported")
  }
}

/// Cases whose display names need the full RFC 2047 decoder; they pass once
/// the Decoding branch is merged (the interim decoder does not decode words).
final class AddressListParserAfterDecodingMergeTests: XCTestCase {
  func testEncodedDisplayNamesDecodeAfterTokenising() throws {
    for row in try FieldTable.load("address.json", as: [AddressCase].self) where row.afterDecodingMerge == true {
      let list = AddressListParser.parse(row.header)
      XCTAssertEqual(list.addresses.map(\.displayName), row.addresses.map(\.name), "case '\(row.name)'")
      XCTAssertEqual(list.addresses.map(\.group), row.addresses.map(\.group), "case '\(row.name)'")
      XCTAssertEqual(list.groups, row.groups ?? [], "case '\(row.name)'")
    }
  }

  func testUnicodeDomainNormalisesToPunycode() {
    let list = AddressListParser.parse("Taro <Taro@例え.jp>")
    XCTAssertEqual(list.addresses.first?.normalized, "taro@xn--r8jz45g.jp")
    XCTAssertEqual(list.addresses.first?.normalizedDomain, "xn--r8jz45g.jp")
  }
}
