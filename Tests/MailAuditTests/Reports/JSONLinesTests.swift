import Foundation
import XCTest

@testable import MailAudit

/// The JSON Lines files are written by hand for speed; these hold them to
/// what `JSONEncoder` wrote before (the snapshots hold whole files).
final class JSONLinesTests: XCTestCase {
  func encoded(_ text: String) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode([text]).dropFirst().dropLast())
  }

  func testEveryASCIICharacterIsEscapedAsJSONEncoderEscapesIt() throws {
    for value in 0..<0x80 {
      let text = "a" + String(Unicode.Scalar(UInt8(value))) + "b"
      var bytes: [UInt8] = []
      JSONLines.string(text, into: &bytes)
      XCTAssertEqual(bytes, try encoded(text), "U+\(String(value, radix: 16))")
    }
  }

  func testNonASCIITextAndSeparatorsPassAsUTF8() throws {
    for text in ["日本語の件名", "\u{2028}\u{2029}\u{85}\u{FEFF}", "é\u{301}\"\u{301}", "🧑‍💼/\\", ""] {
      var bytes: [UInt8] = []
      JSONLines.string(text, into: &bytes)
      XCTAssertEqual(bytes, try encoded(text), text)
      XCTAssertEqual(try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String, text)
    }
  }

  func testAnObjectIsOneCompactLineWithNullsForMissingValues() throws {
    var lines = JSONLines()
    lines.object { o in
      o.field("a", nil as String?)
      o.field("b", ["x", nil])
      o.field("c", 7)
      o.field("d", nil as Int64?)
      o.field("e", true)
    }
    lines.object { o in o.field("only", "1") }
    XCTAssertEqual(
      String(decoding: lines.bytes, as: UTF8.self),
      #"{"a":null,"b":["x",null],"c":7,"d":null,"e":true}"# + "\n" + #"{"only":"1"}"# + "\n")
  }

  func testObjectKeysPrecedeInByteOrderAsSortedKeysWritesThem() {
    XCTAssertTrue(JSONLines.Object.precedes("location", "locations"))
    XCTAssertTrue(JSONLines.Object.precedes("sender", "sender_name"))
    XCTAssertTrue(JSONLines.Object.precedes("sender_name", "severity"))
    XCTAssertFalse(JSONLines.Object.precedes("subject", "severity"))
  }
}
