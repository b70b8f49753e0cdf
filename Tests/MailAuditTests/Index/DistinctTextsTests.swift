import XCTest

@testable import MailAudit

/// The distinct texts the index's totals count from SQLite's bytes.
final class DistinctTextsTests: XCTestCase {
  func testDistinctTextsCountEachTextOnce() {
    var texts = DistinctTexts()
    for text in ["acme.example", "", "例え.jp", "acme.example", "", "acme.exampl", "例え.jp", "b"] { texts.insert(text) }
    XCTAssertEqual(texts.count, 5)
  }

  /// 60,000 texts, each met twice in another order: the slots grow many
  /// times and no text is counted twice.
  func testDistinctTextsStayDistinctThroughTheSlotsGrowth() {
    var texts = DistinctTexts()
    func text(_ i: Int) -> String { i % 2 == 0 ? "\(i)" : "party-\(i).long-registrable-domain.example" }
    for i in 0..<60_000 { texts.insert(text(i)) }
    XCTAssertEqual(texts.count, 60_000)
    for i in stride(from: 59_999, through: 0, by: -1) { texts.insert(text(i)) }
    XCTAssertEqual(texts.count, 60_000)
  }

  /// Texts behind the same 32 bits of hash are told apart by their bytes,
  /// whether their lengths differ or not, also where probing runs past the
  /// last slot and on from the first (the hash of all ones).
  func testTextsWithEqualHashBitsAreToldApartByTheirBytes() {
    for hash: UInt32 in [7, 0xFFFF_FFFF] {
      var texts = DistinctTexts()
      for round in 0..<2 {
        for text in ["ab", "ba", "abc", "", "a"] + (0..<2_000).map({ "t\($0)" }) {
          texts.insert(text, assumingHash: hash)
        }
        XCTAssertEqual(texts.count, 2_005, "round \(round), hash \(hash)")
      }
    }
  }
}

extension DistinctTexts {
  fileprivate mutating func insert(_ text: String) {
    Array(text.utf8).withUnsafeBufferPointer { insert($0) }
  }

  fileprivate mutating func insert(_ text: String, assumingHash hash: UInt32) {
    Array(text.utf8).withUnsafeBufferPointer { insert($0, assumingHash: hash) }
  }
}
