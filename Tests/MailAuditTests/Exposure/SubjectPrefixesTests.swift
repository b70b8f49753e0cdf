import XCTest

@testable import MailAudit

final class SubjectPrefixesTests: XCTestCase {
  /// The general folding: full-width letters to ASCII, white space runs to
  /// one space, lower case, by Character.
  private func generalFold(_ text: String) -> String {
    String(text.map(SubjectPrefixes.halfWidth)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .lowercased()
  }

  func testTheASCIIFoldingIsTheGeneralOneOnEveryASCIIByte() {
    // Every ASCII byte, alone and between letters, and runs of the white
    // space Character.isWhitespace knows (with CR LF as one Character).
    for byte in UInt8(0)...0x7F {
      let c = String(decoding: [byte], as: UTF8.self)
      for text in [c, "A\(c)b", "\(c)\(c)Re\(c)\(c)X\(c)", "x\r\n\t y\(c)"] {
        XCTAssertEqual(SubjectPrefixes.asciiFolded(Substring(text)), generalFold(text), "byte \(byte)")
      }
    }
  }

  func testTheASCIIFoldingIsTheGeneralOneOnRandomSubjects() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aZ09 \t\r\n\u{0B}\u{0C}\u{1C}\u{1F}:[]ReFWD_-.!")
    for _ in 0..<2000 {
      let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement()! })
      XCTAssertEqual(SubjectPrefixes.asciiFolded(Substring(text)), generalFold(text), text.debugDescription)
    }
  }

  /// The prefix read on bytes for ASCII subjects is the one read by
  /// Character: the same word and the same rest, on every subject of an
  /// alphabet of prefixes, counters, colons and white space (CR LF, one
  /// Character, among it).
  func testTheASCIIPrefixIsTheOneReadByCharacter() {
    func same(_ text: String) {
      let bytes = SubjectPrefixes.leadingASCIIPrefix(of: Substring(text)).map { [$0.0, String($0.1)] }
      let characters = SubjectPrefixes.leadingPrefixByCharacter(of: Substring(text)).map { [$0.0, String($0.1)] }
      XCTAssertEqual(bytes, characters, text.debugDescription)
    }
    for text in [
      "Re: x", "RE:x", " \t\r\nFwd :  y", "Re[2]: z", "Re[2 : z", "Re [2]: z", "Re\r\n: z", "abcde: z",
      "abcdef: z", ":x", "[1]: x", "Re", "Re:", "", "   ", "AW:\r\nSV: x", "Re[]:", "Re]: x",
    ] {
      same(text)
    }
    // CR and LF are separate elements: alone, and side by side as CR LF.
    let alphabet: [Character] = [
      "a", "R", "e", "0", " ", "\t", "\r", "\n", "\u{0B}", "\u{0C}", "\u{1C}", ":", "[", "]", "F",
    ]
    // Seeded (a linear congruential step), so a failing case comes back on
    // every run.
    var state: UInt64 = 11
    func next(below n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    for _ in 0..<5000 {
      let length = next(below: 17)
      same(String((0..<length).map { _ in alphabet[next(below: alphabet.count)] }))
    }
  }

  func testBaseRemovesPrefixesThenFolds() {
    XCTAssertEqual(SubjectPrefixes.base(of: "RE: Fwd:  Quarterly\tRESULTS "), "quarterly results")
    XCTAssertEqual(SubjectPrefixes.base(of: "Ｒｅ： 会議の件　について"), "会議の件 について")
    XCTAssertEqual(SubjectPrefixes.base(of: "Re[2]: Offer"), "offer")
  }
}

