import XCTest
@testable import MailParsing

final class MessageIDParserTests: XCTestCase {
  struct IDCase: Decodable {
    var name: String
    var header: String
    var ids: [String]
    var messageID: String?
  }

  func testMessageIDTableFindsIdsAmongJunk() throws {
    for row in try FieldTable.load("message-id.json", as: [IDCase].self) {
      let bytes = Array(row.header.utf8)
      XCTAssertEqual(MessageIDParser.ids(bytes), row.ids, "case '\(row.name)': \(row.header)")
      if let expected = row.messageID {
        XCTAssertEqual(MessageIDParser.messageID(bytes), expected, "case '\(row.name)'")
      }
    }
  }
}
