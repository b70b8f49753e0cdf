import Foundation
import GRDB
import MailParsing
import XCTest

@testable import MailAudit

/// The periodic audit reads only what is new, and nothing it reads changes.
final class IncrementalScanTests: XCTestCase {
  static func message(_ i: Int, exposing: Bool) -> String {
    let to = exposing ? "a\(i)@acme.example, b\(i)@globex.example" : "only\(i)@acme.example"
    return """
      From sender@corp.example Mon Jan  1 00:00:00 2024
      From: sender@corp.example
      To: \(to)
      Subject: Note \(i)
      Date: Mon, 1 Jan 2024 10:00:\(String(format: "%02d", i % 60)) +0900
      Message-ID: <n\(i)@corp.example>

      Body \(i).


      """
  }

  func auditor(_ folder: URL) throws -> Auditor {
    Auditor(
      index: try AuditIndex(path: folder.appendingPathComponent("index.sqlite").path),
      policy: ExposurePolicy(internalDomains: ["corp.example"]), catalog: try testCatalog())
  }

  func testAppendedMessagesAreTheOnlyBytesReadAndTheOnlyNewFindings() throws {
    let folder = try temporaryFolder(self)
    let mbox = folder.appendingPathComponent("Sent.mbox")
    try Data((0..<100).map { Self.message($0, exposing: $0 % 10 == 0) }.joined().utf8).write(to: mbox)
    let auditor = try auditor(folder)
    let (first, firstAnalysis) = try auditor.scan(paths: [mbox.path])
    XCTAssertEqual(first.counts.newMessages, 100)
    XCTAssertEqual(firstAnalysis.findings, 10)

    let appended = (100..<110).map { Self.message($0, exposing: $0 % 2 == 0) }.joined()
    let handle = try FileHandle(forWritingTo: mbox)
    handle.seekToEndOfFile()
    handle.write(Data(appended.utf8))
    try handle.close()
    let before = try checksums(of: folder.appendingPathComponent("Sent.mbox"))

    let (second, analysis) = try auditor.scan(paths: [mbox.path])
    XCTAssertEqual(second.counts.newMessages, 10)
    XCTAssertEqual(second.counts.messagesSeen, 10)
    XCTAssertEqual(second.counts.bytesRead, UInt64(appended.utf8.count), "only the appended bytes are read")
    XCTAssertEqual(analysis.newFindings, 5)
    let new = try auditor.index.report(newInRun: second.runId)
    XCTAssertEqual(Set(new.findings.compactMap(\.messageID)), Set((100..<110).filter { $0 % 2 == 0 }.map { "n\($0)@corp.example" }))
    XCTAssertEqual(try checksums(of: mbox), before, "the mailbox is unchanged by the scan")
  }

  func testRewrittenMboxIsReadAgainAndMissingMessagesAreMarkedGoneNotDeleted() throws {
    let folder = try temporaryFolder(self)
    let mbox = folder.appendingPathComponent("Sent.mbox")
    try Data((0..<20).map { Self.message($0, exposing: true) }.joined().utf8).write(to: mbox)
    let auditor = try auditor(folder)
    _ = try auditor.scan(paths: [mbox.path])
    // A client compacts the mailbox: the first five messages are deleted.
    let tmp = folder.appendingPathComponent("Sent.mbox.new")
    try Data((5..<20).map { Self.message($0, exposing: true) }.joined().utf8).write(to: tmp)
    XCTAssertEqual(rename(tmp.path, mbox.path), 0, "replaced as mail clients do, by rename")
    let (again, _) = try auditor.scan(paths: [mbox.path])
    XCTAssertEqual(again.counts.newMessages, 0)
    XCTAssertEqual(again.counts.messagesSeen, 15)
    let totals = try auditor.index.totals()
    XCTAssertEqual(totals.messages, 20, "messages that left the mailbox stay in the index")
    XCTAssertEqual(totals.findings, 20)
    let gone = try auditor.sqlite.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM location WHERE goneInRun IS NOT NULL") ?? -1
    }
    XCTAssertEqual(gone, 20, "the old offsets are gone; the 15 kept messages have new locations")
    let live = try auditor.sqlite.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT messageRowId) FROM location WHERE goneInRun IS NULL") ?? -1
    }
    XCTAssertEqual(live, 15)
  }

  func testMaildirFlagChangesAndMovesToCurAreNotNewMessages() throws {
    let folder = try temporaryFolder(self)
    let maildir = folder.appendingPathComponent("Sent")
    for sub in ["cur", "new", "tmp"] {
      try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    for i in 0..<6 {
      let body = Self.message(i, exposing: true).split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
      let place = i < 3 ? "new/170000000\(i).M\(i)P1.host" : "cur/170000000\(i).M\(i)P1.host:2,"
      try Data(body.utf8).write(to: maildir.appendingPathComponent(place))
    }
    let auditor = try auditor(folder)
    let (first, _) = try auditor.scan(paths: [maildir.path])
    XCTAssertEqual(first.counts.newMessages, 6)
    let fm = FileManager.default
    // A client reads the new mail and flags the rest.
    for i in 0..<3 {
      try fm.moveItem(
        at: maildir.appendingPathComponent("new/170000000\(i).M\(i)P1.host"),
        to: maildir.appendingPathComponent("cur/170000000\(i).M\(i)P1.host:2,S"))
    }
    for i in 3..<6 {
      try fm.moveItem(
        at: maildir.appendingPathComponent("cur/170000000\(i).M\(i)P1.host:2,"),
        to: maildir.appendingPathComponent("cur/170000000\(i).M\(i)P1.host:2,RS"))
    }
    let (second, analysis) = try auditor.scan(paths: [maildir.path])
    XCTAssertEqual(second.counts.newMessages, 0)
    XCTAssertEqual(second.counts.messagesSeen, 0, "renamed files are not read again")
    XCTAssertEqual(analysis.newFindings, 0)
    let report = try auditor.index.report()
    XCTAssertEqual(report.totals.locations, 6)
    XCTAssertTrue(report.findings.allSatisfy { $0.location.hasSuffix("S") }, "locations follow the renames")
  }

  func testASecondScanOnTheSameIndexIsRefusedWhileOneRuns() throws {
    let folder = try temporaryFolder(self)
    let auditor = try auditor(folder)
    do {
      let held = try ScanLock(indexPath: auditor.sqlite.path)
      XCTAssertThrowsError(try auditor.scan(paths: [PackagePaths.sample.path])) { error in
        XCTAssertEqual(error as? IndexError, .busy(path: auditor.sqlite.path))
      }
      withExtendedLifetime(held) {}
    }
    XCTAssertNoThrow(try auditor.scan(paths: [PackagePaths.sample.path]))
  }

  func testAVanishedMaildirFileIsAProblemAndTheScanGoesOn() throws {
    let folder = try temporaryFolder(self)
    let maildir = folder.appendingPathComponent("Sent")
    try writeMaildir(from: PackagePaths.sample, to: maildir)
    let reader = MaildirReader(path: maildir.path)
    let listing = try reader.messageFiles()
    try FileManager.default.removeItem(atPath: listing.files[3])
    var events: [MailboxEvent] = []
    reader.forEachEvent(in: listing.files) { events.append($0) }
    let problems = events.compactMap { if case .problem(let p) = $0 { return p } else { return nil } }
    XCTAssertEqual(problems.map(\.kind), [.vanishedFile])
    XCTAssertEqual(problems.first?.file, listing.files[3])
    XCTAssertEqual(events.count, listing.files.count)
  }
}
