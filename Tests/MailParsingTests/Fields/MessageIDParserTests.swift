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
    // The ids of random fields of brackets, white space, comments, quotes
    // and words, against the reading that gathered every id byte by byte
    // (before ids were read where they lie in the field).
    let pieces = ["<", ">", "a", "b.c", "@", "x.example", " ", "\t", "\r\n ", ",", "(", ")", "\"", "\\", "<a@x>", "\u{0}"]
    var random = SplitMix(seed: 0x1D5)
    for _ in 0..<20_000 {
      var field = ""
      for _ in 0..<(1 + Int(random.next() % 12)) { field += pieces[Int(random.next() % UInt64(pieces.count))] }
      let bytes = Array(field.utf8)
      XCTAssertEqual(MessageIDParser.ids(bytes), Self.idsGathered(bytes), field.debugDescription)
    }
    XCTAssertEqual(MessageIDParser.ids(Array("<a b@x> <c@y".utf8)), ["ab@x", "c@y"])
    XCTAssertEqual(MessageIDParser.ids(Array("<a@x\r\n .example>".utf8)), ["a@x.example"])
  }

  /// The bracketed-id reading as it was, each id gathered byte by byte.
  static func idsGathered(_ bytes: [UInt8]) -> [String] {
    var bracketed: [String] = []
    var bare: [String] = []
    var cursor = ByteCursor(bytes)
    let lastClose = bytes.lastIndex(of: Ascii.greaterThan) ?? -1
    while let byte = cursor.peek() {
      switch byte {
      case Ascii.openParen:
        var depth = 0
        comment: while let inner = cursor.next() {
          switch inner {
          case Ascii.backslash: cursor.advance()
          case Ascii.openParen: depth += 1
          case Ascii.closeParen:
            depth -= 1
            if depth == 0 { break comment }
          default: break
          }
        }
      case Ascii.quote:
        cursor.advance()
        while let inner = cursor.next(), inner != Ascii.quote {
          if inner == Ascii.backslash { cursor.advance() }
        }
      case Ascii.lessThan:
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
        if !id.isEmpty { bracketed.append(String(decoding: id, as: UTF8.self)) }
      case _ where Ascii.isWhitespace(byte) || byte == Ascii.comma || byte == 0:
        cursor.advance()
      default:
        let start = cursor.position
        cursor.skip { !Ascii.isWhitespace($0) && $0 != Ascii.comma && $0 != Ascii.lessThan && $0 != Ascii.openParen && $0 != 0 }
        let word = cursor.slice(start, cursor.position)
        if word.contains(Ascii.at) { bare.append(String(decoding: word, as: UTF8.self)) }
      }
    }
    return bracketed.isEmpty ? bare : bracketed
  }
}
