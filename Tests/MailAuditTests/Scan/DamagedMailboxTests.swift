import Foundation
import XCTest

@testable import MailAudit

/// The sample mailbox, damaged the ways crashes, old clients and careless
/// copies damage real ones, gives the clean sample's findings, with one
/// located problem per damaged region and nothing in the mailboxes changed.
final class DamagedMailboxTests: XCTestCase {
  struct Audited {
    var findings: [String]
    var incidents: Int
    var problems: [ProblemRow]
    var skipped: [String: Int]
  }

  func audit(_ path: URL) throws -> Audited {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let (scan, _) = try auditor.scan(paths: [path.path])
    let report = try index.report()
    // Keys and incident ids derive from header hashes for the one message
    // without a Message-ID; everything a person reads is compared.
    let findings = report.findings.map {
      [
        $0.messageID ?? $0.subject ?? "", $0.date ?? "", $0.sender ?? "", $0.severity.rawValue, String($0.reply),
        $0.exposedAddresses.sorted().joined(separator: ";"), String($0.parties), String($0.personal),
      ].joined(separator: "|")
    }.sorted()
    return Audited(
      findings: findings, incidents: report.incidents.count, problems: report.problems,
      skipped: scan.skippedByKind)
  }

  var sample: [UInt8] { Array(try! Data(contentsOf: PackagePaths.sample)) }

  /// Offsets of the sample's `From ` lines.
  var fromOffsets: [Int] {
    let bytes = sample
    var offsets = [0]
    let needle = Array("\n\nFrom ".utf8)
    var i = 0
    while i + needle.count <= bytes.count {
      if bytes[i] == 0x0A, Array(bytes[i..<(i + needle.count)]) == needle { offsets.append(i + 2) }
      i += 1
    }
    return offsets
  }

  /// Problems of `damaged` that the clean sample does not have.
  func newProblems(_ damaged: Audited, _ clean: Audited) -> [ProblemRow] {
    let known = Set(clean.problems.map { "\($0.kind) \($0.detail)" })
    return damaged.problems.filter { !known.contains("\($0.kind) \($0.detail)") }
  }

  func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  func testEveryDamagedFormGivesTheCleanFindingsAndOneProblemPerDamagedRegion() throws {
    let folder = try temporaryFolder(self)
    let clean = try audit(PackagePaths.sample)
    XCTAssertEqual(clean.findings.count, 27)
    let bytes = sample
    let froms = fromOffsets
    XCTAssertEqual(froms.count, 34)

    // A crash left 4096 NUL bytes at the start.
    var cases: [(name: String, bytes: [UInt8], kinds: [String], offsets: [Int64?])] = []
    cases.append(("nul-prefix.mbox", [UInt8](repeating: 0, count: 4096) + bytes, ["damagedRegion"], [0]))

    // ... and a NUL block in the middle, right before a `From ` line (the
    // empty line before it overwritten): Thunderbird's failure.
    let mid = froms[17]
    var nulMid = Array(bytes[..<(mid - 1)])
    nulMid += [UInt8](repeating: 0, count: 4096)
    nulMid += bytes[mid...]
    cases.append(("nul-mid.mbox", nulMid, ["damagedRegion"], [Int64(mid - 1)]))

    // A stray NUL inside a header field (patchwork's codec-null case).
    var nulHeader = bytes
    let mailer = firstRange(of: "X-Mailer: mailaudit", in: nulHeader, from: froms[5])!
    nulHeader.insert(contentsOf: [0, 0, 0], at: mailer + 10)
    cases.append(("nul-header.mbox", nulHeader, ["controlCharacter"], [Int64(froms[5])]))

    // Junk before the first `From ` line.
    let junk = Array("\u{1}\u{2}garbage left by a half-written copy\nmore junk\n".utf8)
    cases.append(("junk-prefix.mbox", junk + bytes, ["damagedRegion"], [0]))

    // Classic Mac OS line ends.
    cases.append(("cr-only.mbox", bytes.map { $0 == 0x0A ? 0x0D : $0 }, ["irregularFraming"], [0]))

    // mboxcl2: a Content-Length in every header, three of them wrong.
    var cl2: [UInt8] = []
    var wrong: [Int64] = []
    for (i, start) in froms.enumerated() {
      let end = i + 1 < froms.count ? froms[i + 1] : bytes.count
      let entry = Array(bytes[start..<end])
      let headerEnd = firstRange(of: "\n\n", in: entry, from: 0)! + 2
      let bodyLength = entry.count - headerEnd - 1
      let lies = [3, 19, 30].contains(i)
      if lies { wrong.append(Int64(cl2.count)) }
      let field = Array("Content-Length: \(lies ? bodyLength + 400 : bodyLength)\n".utf8)
      let fromLineEnd = entry.firstIndex(of: 0x0A)! + 1
      cl2 += entry[..<fromLineEnd] + field + entry[fromLineEnd...]
    }
    cases.append(("mboxcl2.mbox", cl2, ["irregularFraming", "irregularFraming", "irregularFraming"], wrong))

    // Cut inside the last message's header, after its Message-ID.
    let lastID = firstRange(of: "Message-ID:", in: bytes, from: froms[33])!
    let cut = firstRange(of: "\n", in: bytes, from: lastID)! + 5
    cases.append(("truncated.mbox", Array(bytes[..<cut]), ["truncatedMessage"], [Int64(froms[33])]))

    for damage in cases {
      let url = try write(damage.bytes, damage.name, in: folder)
      let before = try checksums(of: url)
      let audited = try audit(url)
      XCTAssertEqual(audited.findings, clean.findings, damage.name)
      XCTAssertEqual(audited.incidents, clean.incidents, damage.name)
      let added = newProblems(audited, clean)
      XCTAssertEqual(added.map(\.kind), damage.kinds, "\(damage.name): \(added)")
      XCTAssertEqual(added.map(\.offset), damage.offsets, damage.name)
      XCTAssertTrue(added.allSatisfy { $0.file == url.path }, damage.name)
      XCTAssertEqual(try checksums(of: url), before, "\(damage.name) was changed by the scan")
    }
  }

  func testMaildirMetadataIsSkippedAndCountedButJunkInCurIsAProblem() throws {
    let folder = try temporaryFolder(self)
    let clean = try audit(PackagePaths.sample)
    let maildir = folder.appendingPathComponent("Sent")
    try writeMaildir(from: PackagePaths.sample, to: maildir)
    let metadata = [
      "dovecot-uidlist", "dovecot.index", "dovecot.index.cache", "dovecot.index.log", "dovecot-keywords",
      "courierimapuiddb", "maildirfolder", ".DS_Store",
    ]
    for name in metadata {
      try Data("3 V1700000000 N35\n".utf8 + [0, 1, 2]).write(to: maildir.appendingPathComponent(name))
    }
    try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x0A]).write(to: maildir.appendingPathComponent("cur/junk.png"))
    let before = try checksums(of: folder)
    let audited = try audit(maildir)
    XCTAssertEqual(audited.findings.count, clean.findings.count)
    XCTAssertEqual(audited.incidents, clean.incidents)
    let added = newProblems(audited, clean)
    XCTAssertEqual(added.map(\.kind), ["notAMessage"])
    XCTAssertEqual(added.first?.file, maildir.appendingPathComponent("cur/junk.png").path)
    XCTAssertEqual(audited.skipped.values.reduce(0, +), metadata.count)
    XCTAssertEqual(audited.skipped["dovecot.index"], 3)
    XCTAssertEqual(try checksums(of: folder), before)
  }

  func testCodecNullPatchMailIsReadAndItsSevenRecipientsCounted() throws {
    // The shape of patchwork's fuzz case codec-null.mbox: an ordinary patch
    // mail whose Content-Type parameter holds NUL bytes.
    let url = PackagePaths.fixtures.appendingPathComponent("damaged/codec-null.mbox")
    let index = try AuditIndex()
    let auditor = Auditor(
      index: index, policy: ExposurePolicy(internalDomains: ["lists.ozlabs.org"]), catalog: try testCatalog())
    _ = try auditor.scan(paths: [url.path])
    let report = try index.report()
    XCTAssertEqual(report.totals.messages, 1)
    let recipients = try index.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT visibleCount FROM message")
    }
    XCTAssertEqual(recipients, 7)
    XCTAssertEqual(report.problems.map(\.kind), ["controlCharacter"])
    XCTAssertEqual(report.findings.count, 1)
  }

  func firstRange(of text: String, in bytes: [UInt8], from start: Int) -> Int? {
    let needle = Array(text.utf8)
    var i = start
    while i + needle.count <= bytes.count {
      if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
      i += 1
    }
    return nil
  }
}
