import Foundation
import XCTest

@testable import MailParsing

/// Real mailboxes from other projects' test suites. Counts were checked by
/// hand: a `From ` line at the start of the file (after blank lines), or
/// after an empty line and followed by a header field line; one message per
/// Maildir file.
final class MailboxCorpusTests: XCTestCase {
  private func messageCount(mbox path: String, blockSize: Int = 1 << 20) throws -> (Int, [Problem.Kind]) {
    let result = try readAll(MboxReader(path: path, blockSize: blockSize))
    return (result.messages.count, result.problemKinds)
  }

  private func messageCount(discoveredAt path: String) throws -> (Int, [Problem.Kind]) {
    let found = MailboxDiscovery.sources(at: path)
    var count = 0
    var kinds = found.problems.map(\.kind)
    for source in found.sources {
      let result = try readAll(source)
      count += result.messages.count
      kinds += result.problemKinds
    }
    return (count, kinds)
  }

  // MARK: - Copied fixtures (MIT, Apache-2.0)

  func testMimeKitMboxesSplitOnBlankLineSeparators() throws {
    // issue1189: 4 messages, each separator after an empty line.
    XCTAssertEqual(try messageCount(mbox: TestData.fixture("mimekit/issue1189.mbox.txt")).0, 4)
    // simple: its 2nd and 3rd `From - ` lines follow text lines, which this
    // reader treats as body (MimeKit itself counts 3).
    XCTAssertEqual(try messageCount(mbox: TestData.fixture("mimekit/simple.mbox.txt")).0, 1)
  }

  func testMimeKitUnmungedMboxRejectsFromRussiaFollowedByABlankLine() throws {
    // BOM, then 2 real messages; the first body's `From Russia with love`
    // is followed by a blank line (text), the second's by `Year: 1963`,
    // which looks like a header field and so starts a third message.
    let (count, problems) = try messageCount(mbox: TestData.fixture("mimekit/unmunged.mbox.txt"), blockSize: 7)
    XCTAssertEqual(count, 3)
    XCTAssertEqual(problems, [])
  }

  func testMime4jRlugListMboxHasFiveMessages() throws {
    for size in [1, 4096, 1 << 20] {
      let (count, problems) = try messageCount(mbox: TestData.fixture("mime4j/mbox.rlug"), blockSize: size)
      XCTAssertEqual(count, 5, "block size \(size)")
      XCTAssertEqual(problems, [])
    }
  }

  // MARK: - GPL corpora, read in place

  func testB4PatchThreadMboxesHaveTheirHandCountedMessages() throws {
    let folder = try TestData.sharedCorpus("b4/src/tests/samples")
    let expected = [
      "naked-cover-bugreport.mbox": 2, "shazam-git1-just-series.mbox": 5,
      "trailers-followup-name-parens.mbox": 6, "trailers-thread-with-cover-followup.mbox": 7,
    ]
    for (name, count) in expected {
      XCTAssertEqual(try messageCount(mbox: folder + "/" + name).0, count, name)
    }
    // All 19 sample mboxes, discovered as a folder.
    XCTAssertEqual(try messageCount(discoveredAt: folder).0, 70)
  }

  func testGitMailinfoMboxVariants() throws {
    let folder = try TestData.sharedCorpus("git-mailinfo/t/t5100")
    XCTAssertEqual(try messageCount(mbox: folder + "/sample.mboxrd").0, 2)
    XCTAssertEqual(try messageCount(mbox: folder + "/rfc2047-samples.mbox").0, 11)
    XCTAssertEqual(try messageCount(mbox: folder + "/quoted-cr.mbox").0, 2)
    // Starts with whitespace-only lines; 4 of git's 18 `From ` lines follow
    // text lines (concatenated format-patch output) and stay in bodies.
    XCTAssertEqual(try messageCount(mbox: folder + "/sample.mbox", blockSize: 7).0, 14)
    XCTAssertEqual(try messageCount(mbox: folder + "/empty").0, 0)
    let (nul, problems) = try messageCount(mbox: folder + "/0002mboxrd")
    XCTAssertEqual(nul, 0)
    XCTAssertEqual(problems, [.notAMessage])
  }

  func testNotmuchMaildirsAreReadWhole() throws {
    let lkml = try TestData.sharedCorpus("notmuch/test/corpora/lkml")
    XCTAssertEqual(try messageCount(discoveredAt: lkml).0, 210)
    let nested = try TestData.sharedCorpus("notmuch/test/corpora/default")
    XCTAssertEqual(try messageCount(discoveredAt: nested).0, 53)
  }

  func testReadingTheCorporaChangesNoFile() throws {
    let folder = try TestData.sharedCorpus("mu/testdata")
    let before = try checksums(under: folder)
    _ = try messageCount(discoveredAt: folder)
    XCTAssertEqual(try checksums(under: folder), before)
    XCTAssertFalse(before.isEmpty)
  }
}
