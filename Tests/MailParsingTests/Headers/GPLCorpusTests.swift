import Foundation
import XCTest
@testable import MailParsing

/// Reads the GPL notmuch corpus in place from `../shared/corpora` (relative
/// to the package root); the project itself carries no GPL data.
final class GPLCorpusTests: XCTestCase {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpora/notmuch/test/corpora")

  private func messages() throws -> [(String, MessageHeaders)] {
    guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
      throw XCTSkip("notmuch corpus (GPL) not found at \(Self.corpus.path); it is read in place, never copied")
    }
    let files = try FileManager.default.subpathsOfDirectory(atPath: Self.corpus.path).sorted()
    return try files.compactMap { name in
      let url = Self.corpus.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
        name != "README"
      else { return nil }
      let header = MessageHeadersParsingTests.headerBlock(of: try Data(contentsOf: url))
      let location = MessageLocation(format: .single, mailbox: "notmuch", file: name)
      return (name, MessageHeaders(parsing: RawMessage(location: location, header: header)))
    }
  }

  func testBrokenCcMessageJoinsItsTwoCcFields() throws {
    // messages() first: inside XCTUnwrap its XCTSkip would become a failure.
    let all = try messages()
    let headers = try XCTUnwrap(all.first { $0.0 == "broken/broken-cc" }?.1)
    XCTAssertEqual(headers.to.compactMap(\.normalized), ["daniel@example.org"])
    XCTAssertEqual(headers.cc.compactMap(\.normalized), ["bob@example.org", "charles@example.org"])
    XCTAssertEqual(headers.date?.iso8601, "2016-06-16T22:14:41-04:00")
  }

  func testEveryMessageParsesAndOnlyTheTwoBrokenFieldsAreReported() throws {
    let all = try messages()
    XCTAssertGreaterThan(all.count, 300)
    let multiDomain = all.filter { _, headers in
      Set((headers.to + headers.cc).compactMap(\.normalizedDomain)).count >= 2
    }
    // INVENTORY.md counts 166 messages whose To/Cc span two or more domains.
    XCTAssertEqual(multiDomain.count, 166)
    XCTAssertEqual(all.filter { !$0.1.from.isEmpty }.count, all.count)
    // The only unreadable parts, checked by hand: a Cc cut mid-address in the
    // source ("..., linu") and an asctime date without a year.
    XCTAssertEqual(
      all.flatMap(\.1.problems).map { "\($0.file) \($0.kind.rawValue) \($0.detail)" },
      ["attachment/text-calendar.eml badDate Thu Jan 01 00:00:10 +0000",
       "lkml/cur/1382298793.002253:2, unparseableAddress linu"])
  }
}
