import GRDB
import XCTest

@testable import MailAudit

/// Rows read straight through SQLite's C API, and the distinct texts the
/// index's totals count from their bytes.
final class RawQueryTests: XCTestCase {
  func testRowsComeInTheQuerysOrderWithIntegersTextsAndNulls() throws {
    let db = try DatabaseQueue()
    try db.write { db in
      try db.execute(sql: "CREATE TABLE t (n INTEGER, s TEXT)")
      try db.execute(sql: "INSERT INTO t VALUES (2, '例え.jp'), (1, 'a'), (3, NULL), (4, '')")
      var rows: [String] = []
      try RawQuery(db, sql: "SELECT n, s FROM t ORDER BY n").forEachRow { row in
        rows.append("\(row.int64(0)):\(String(decoding: row.utf8(1), as: UTF8.self))")
      }
      XCTAssertEqual(rows, ["1:a", "2:例え.jp", "3:", "4:"])
      // Stepped to its end and reset, the query runs again whole.
      let query = try RawQuery(db, sql: "SELECT n FROM t")
      var count = 0
      try query.forEachRow { _ in count += 1 }
      try query.forEachRow { _ in count += 1 }
      XCTAssertEqual(count, 8)
    }
  }

  /// An error met while stepping (here SQLite's integer overflow) is thrown
  /// with SQLite's message, after the rows before it.
  func testAnErrorWhileSteppingIsThrownWithSQLitesMessage() throws {
    let db = try DatabaseQueue()
    try db.read { db in
      var seen: [Int64] = []
      let query = try RawQuery(
        db, sql: "SELECT abs(v) FROM (SELECT 1 AS v UNION ALL SELECT -9223372036854775808 UNION ALL SELECT 3)")
      XCTAssertThrowsError(try query.forEachRow { seen.append($0.int64(0)) }) { error in
        XCTAssertEqual((error as? DatabaseError)?.message, "integer overflow")
      }
      XCTAssertEqual(seen, [1])
    }
  }

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
