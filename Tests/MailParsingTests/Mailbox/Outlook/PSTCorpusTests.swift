import Foundation
import XCTest

@testable import MailParsing

/// Every `.pst`/`.ost` of the shared Outlook corpus (../shared/corpora/outlook,
/// see its INVENTORY.md), read in place when present.
final class PSTCorpusTests: XCTestCase {
  func testEveryCorpusStoreIsReadInBothModesWithoutACrash() throws {
    let root = try TestData.sharedCorpus("outlook")
    let enumerator = FileManager.default.enumerator(atPath: root)
    var stores: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      let lower = relative.lowercased()
      if lower.hasSuffix(".pst") || lower.hasSuffix(".ost") { stores.append(root + "/" + relative) }
    }
    XCTAssertEqual(stores.count, 19)
    var messages = 0
    for path in stores.sorted() {
      let sent = try PSTFixture.read(path)
      let all = try PSTFixture.read(path, .allMailFolders)
      XCTAssertLessThanOrEqual(sent.raw.count, all.raw.count, path)
      messages += all.raw.count
      let damaged = all.problems.filter { $0.kind == .damagedRegion }
      if path.hasSuffix("AddingBulkMessagesWithImprovedPerformance.pst") {
        XCTAssertFalse(damaged.isEmpty, path)
      } else {
        XCTAssertEqual(damaged, [], path)
      }
    }
    // Messages in the mail folders of all 19 stores (Conformance/README.md
    // compares them folder by folder with pffexport and readpst).
    XCTAssertEqual(messages, 143)
  }
}
