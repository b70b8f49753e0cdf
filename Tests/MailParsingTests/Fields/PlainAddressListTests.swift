import Foundation
import XCTest

@testable import MailParsing

/// `PlainAddressList` must give, for every field it takes, exactly the list
/// the full reader gives (`AddressListParser.parseFully`), and take the
/// plain fields that make up nearly all real mail.
final class PlainAddressListTests: XCTestCase {
  func testPlainFieldsReadAsTheFullReaderReadsThem() {
    let cases: [(String, [Address])] = [
      ("a@x.example", [Address(localPart: "a", domain: "x.example")]),
      ("Anna Walker <Anna.Walker@X.Example>", [
        Address(displayName: "Anna Walker", localPart: "Anna.Walker", domain: "X.Example")
      ]),
      ("<a@x.example>", [Address(localPart: "a", domain: "x.example")]),
      ("J. R. R. Tolkien<jrr@x.example>", [Address(displayName: "J. R. R. Tolkien", localPart: "jrr", domain: "x.example")]),
      // White space in a name is one space, as the full reader joins a phrase.
      ("Anna \t\r\n  Walker   <a@x.example>", [Address(displayName: "Anna Walker", localPart: "a", domain: "x.example")]),
      (" , a@x.example,,\r\n b@y.example , ", [
        Address(localPart: "a", domain: "x.example"), Address(localPart: "b", domain: "y.example"),
      ]),
      ("", []),
      ("o'brien+tag@x.example", [Address(localPart: "o'brien+tag", domain: "x.example")]),
    ]
    for (field, expected) in cases {
      let bytes = Array(field.utf8)
      XCTAssertEqual(PlainAddressList.read(bytes)?.addresses, expected, field)
      XCTAssertEqual(AddressListParser.parseFully(bytes).addresses, expected, field)
    }
  }

  func testFieldsTheFullReaderTreatsSpeciallyAreDeclined() {
    let declined = [
      "\"Doe, John\" <j@x.example>",  // quoted name
      "j@x.example (John Doe)",  // comment
      "Team: a@x.example, b@y.example;",  // group
      "undisclosed-recipients:;",
      "=?UTF-8?B?5bGx55Sw?= <y@x.example>",  // encoded word
      "Jos\u{E9} <j@x.example>",  // 8-bit
      "Doe, John <j@x.example>",  // a name-only half
      "John j@x.example",  // words before a bare address
      "a@x.example b@y.example",  // a lost comma
      "<a@x.example> <b@y.example>",
      "Name <a@x.example> trailing",
      "IMCEAEX-_O=ORG_OU=EXCHANGE_CN=RECIPIENTS_CN=X@x.example",
      "a..b@x.example", ".a@x.example", "a@x.example.", "a@[192.0.2.1]",
      "a @ x.example", "< a@x.example >", "a@x.example>", "Name <a@x.example",
      "a\u{0}b@x.example", "@x.example", "a@",
    ]
    for field in declined {
      XCTAssertNil(PlainAddressList.read(Array(field.utf8)), field)
    }
  }

  func testEveryAddressFieldOfTheFixturesReadsTheSameEitherWay() throws {
    var fields: [[UInt8]] = try FieldTable.load("address.json", as: [AddressCase].self).map { Array($0.header.utf8) }
    // Every header-like block of every fixture file, and of the shared
    // corpora of public mail projects' tests where they sit beside the
    // project (CI has them): real clients' fields.
    var roots = [TestData.packageRoot + "/Tests/Fixtures", TestData.packageRoot + "/Samples"]
    let shared = TestData.packageRoot + "/../shared/corpora"
    if FileManager.default.fileExists(atPath: shared) { roots.append(shared) }
    for root in roots {
      guard let files = FileManager.default.enumerator(atPath: root) else { continue }
      for case let relative as String in files {
        guard let data = FileManager.default.contents(atPath: root + "/" + relative) else { continue }
        fields += Self.addressFields(in: Array(data.prefix(4 << 20)))
      }
    }
    var plain = 0
    for field in fields {
      guard let read = PlainAddressList.read(field) else { continue }
      plain += 1
      XCTAssertEqual(read, AddressListParser.parseFully(field), String(decoding: field, as: UTF8.self))
    }
    XCTAssertGreaterThan(plain, 1_000, "plain fields among \(fields.count)")
    XCTAssertLessThan(plain, fields.count, "no field was declined")
  }

  func testRandomFieldsReadTheSameEitherWay() {
    // Lists of plain entries, some with one piece of what the full reader
    // treats specially dropped in, and runs of random pieces: fields just
    // inside the plain shape, just outside it, and far from it.
    let plainPieces = ["a", "Bob", "x.example", "o'k+1", "J.", "Anna Walker", "q-z_9"]
    let otherPieces = [
      "@", "<", ">", ",", " ", "  ", "\t", "\r\n ", ".", "..", "\"", "(", ")", "=?", "?=", "=?UTF-8?Q?x?=", ":", ";",
      "[", "]", "\\", "IMCEAEX-", "imceaex-x", "\u{E9}", "\u{0}", "\u{7F}", "=", "?", "<a@x.example>",
    ]
    var random = SplitMix(seed: 0x5EED_AD0E)
    func pick(_ pieces: [String]) -> String { pieces[Int(random.next() % UInt64(pieces.count))] }
    func spec() -> String { pick(plainPieces).replacingOccurrences(of: " ", with: ".") + "@" + pick(plainPieces).replacingOccurrences(of: " ", with: "-") }
    var plain = 0
    var declined = 0
    for round in 0..<40_000 {
      var field = ""
      if round % 2 == 0 {
        for entry in 0..<(1 + Int(random.next() % 5)) {
          if entry > 0 { field += random.next() % 2 == 0 ? ", " : ",\r\n " }
          switch random.next() % 4 {
          case 0: field += spec()
          case 1: field += pick(plainPieces) + pick([" ", "", "  ", "\t"]) + "<" + spec() + ">"
          case 2: field += "<" + spec() + ">"
          default: field += pick([" ", ""])
          }
        }
        if random.next() % 3 == 0, !field.isEmpty {
          // One piece of something else, somewhere.
          let offset = Int(random.next() % UInt64(field.unicodeScalars.count + 1))
          let at = field.unicodeScalars.index(field.unicodeScalars.startIndex, offsetBy: offset)
          field.unicodeScalars.insert(contentsOf: pick(otherPieces).unicodeScalars, at: at)
        }
      } else {
        for _ in 0..<(1 + Int(random.next() % 10)) { field += pick(random.next() % 2 == 0 ? plainPieces : otherPieces) }
      }
      let bytes = Array(field.utf8)
      guard let read = PlainAddressList.read(bytes) else {
        declined += 1
        continue
      }
      plain += 1
      XCTAssertEqual(read, AddressListParser.parseFully(bytes), field.debugDescription)
    }
    XCTAssertGreaterThan(plain, 5_000)
    XCTAssertGreaterThan(declined, 20_000)
  }

  /// The values of the address fields in `bytes`, read as header blocks
  /// wherever a blank line ends one (bodies too: more fields to try).
  static func addressFields(in bytes: [UInt8]) -> [[UInt8]] {
    var fields: [[UInt8]] = []
    var start = 0
    var index = 0
    while index <= bytes.count {
      let blockEnds = index == bytes.count || (bytes[index] == 0x0A && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
      if blockEnds {
        for field in HeaderBlock(Array(bytes[start..<index])).fields {
          switch field.name {
          case .from, .sender, .to, .cc, .bcc, .resentFrom, .resentTo, .resentCc, .resentBcc: fields.append(field.value)
          default: break
          }
        }
        start = index + 1
      }
      index += 1
    }
    return fields
  }
}
