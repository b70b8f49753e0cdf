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

  func testIdsReadInPlaceAreTheIdsGatheredByteByByte() {
    // Random `<...>` runs of words, white space, brackets and other bytes,
    // against the reading that gathered every id byte by byte (before ids
    // were read where they lie in the field): the same id, and the cursor
    // left at the same place.
    let pieces = ["<", ">", "a", "b.c", "@", "x.example", " ", "\t", "\r\n ", ",", "(", ")", "\"", "\\", "<a@x>", "\u{0}"]
    var random = SplitMix(seed: 0x1D5)
    for _ in 0..<20_000 {
      var field = "<"
      for _ in 0..<(1 + Int(random.next() % 12)) { field += pieces[Int(random.next() % UInt64(pieces.count))] }
      let bytes = Array(field.utf8)
      let lastClose = bytes.lastIndex(of: Ascii.greaterThan) ?? -1
      var inPlace = ByteCursor(bytes)
      var gathered = ByteCursor(bytes)
      XCTAssertEqual(
        MessageIDParser.bracketedID(&inPlace, lastClose: lastClose), Self.idGathered(&gathered, lastClose: lastClose),
        field.debugDescription)
      XCTAssertEqual(inPlace.position, gathered.position, field.debugDescription)
    }
    XCTAssertEqual(MessageIDParser.ids(Array("<a b@x> <c@y".utf8)), ["ab@x", "c@y"])
    XCTAssertEqual(MessageIDParser.ids(Array("<a@x\r\n .example>".utf8)), ["a@x.example"])
  }

  /// The bracketed id as it was read before, gathered byte by byte.
  static func idGathered(_ cursor: inout ByteCursor, lastClose: Int) -> String? {
    cursor.advance()
    var id: [UInt8] = []
    while let inner = cursor.peek(), inner != Ascii.greaterThan, inner != Ascii.lessThan {
      cursor.advance()
      if Ascii.isWhitespace(inner) {
        if cursor.position > lastClose { break }
        continue
      }
      id.append(inner)
    }
    _ = cursor.consume(Ascii.greaterThan)
    return id.isEmpty ? nil : String(decoding: id, as: UTF8.self)
  }
}
