import Foundation
import GRDB
import MailIMAP
import TestHarness
import XCTest

@testable import MailAudit

/// An evidence hash is the SHA-256 of the message's own bytes, whatever
/// holds them: the sample as a plain mbox, a gzipped mbox, a Maildir,
/// Apple Mail `.emlx` files, `.eml` files and an IMAP folder (a throwaway
/// Dovecot) gives each message the hash `sha256sum` gives the message
/// extracted by hand.
///
/// The sample is used with CRLF line ends: IMAP serves every message with
/// CRLF (RFC 3501), so only then are the message bytes the same in every
/// form.
final class EvidenceHashTests: XCTestCase {
  /// The sample with CRLF line ends.
  var crlfSample: [UInt8] {
    var out: [UInt8] = []
    for byte in try! Data(contentsOf: PackagePaths.sample) {
      if byte == 0x0A { out.append(0x0D) }
      out.append(byte)
    }
    return out
  }

  /// The messages of `mbox`, split independently of mailaudit's code: each
  /// is what lies between its `From ` line and the empty line before the
  /// next `From ` line (or the end of the file).
  func extract(_ mbox: [UInt8]) -> [[UInt8]] {
    let separator = Array("\r\n\r\nFrom ".utf8)
    var starts = [0]
    var i = 0
    while i + separator.count <= mbox.count {
      if mbox[i] == 0x0D, Array(mbox[i..<(i + separator.count)]) == separator { starts.append(i + 4) }
      i += 1
    }
    return starts.enumerated().map { n, start in
      let end = n + 1 < starts.count ? starts[n + 1] - 2 : mbox.count - 2
      let fromLineEnd = mbox[start...].firstIndex(of: 0x0A)! + 1
      return Array(mbox[fromLineEnd..<end])
    }
  }

  /// Every location of an index, as the evidence reader takes it.
  func locations(_ index: AuditIndex) throws -> [EvidenceLocation] {
    try index.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT format, mailbox, file, offset, length FROM location WHERE goneInRun IS NULL")
        .map { EvidenceLocation(format: $0["format"], mailbox: $0["mailbox"], file: $0["file"], offset: $0["offset"], length: $0["length"]) }
    }
  }

  func hashes(of path: String, imap: IMAPScanSettings = IMAPScanSettings()) throws -> [String] {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [path], imap: imap)
    let reader = EvidenceReader(imap: imap)
    return try locations(index).map { location in
      switch reader.digest(of: location) {
      case .success(let digest): return digest.sha256
      case .failure(let reason):
        XCTFail("\(location.text): \(reason)")
        return ""
      }
    }.sorted()
  }

  func testEveryFormOfTheSampleGivesEachMessageTheHashOfItsExtractedBytes() throws {
    let folder = try temporaryFolder(self)
    let mbox = crlfSample
    let messages = extract(mbox)
    XCTAssertEqual(messages.count, 34)

    // The messages as files, hashed by the system's sha256sum.
    let extracted = folder.appendingPathComponent("extracted")
    try FileManager.default.createDirectory(at: extracted, withIntermediateDirectories: true)
    for (n, message) in messages.enumerated() {
      try Data(message).write(to: extracted.appendingPathComponent(String(format: "%02d.eml", n)))
    }
    let sums = try runHelper("/usr/bin/sha256sum", messages.indices.map { extracted.appendingPathComponent(String(format: "%02d.eml", $0)).path })
    let expected = sums.split(separator: "\n").map { String($0.prefix(64)) }.sorted()
    XCTAssertEqual(expected.count, 34)

    // Plain and gzipped mbox.
    let plain = folder.appendingPathComponent("Sent.mbox")
    try Data(mbox).write(to: plain)
    let gz = folder.appendingPathComponent("Sent.mbox.gz")
    _ = try runHelper("/bin/sh", ["-c", "gzip -n -c '\(plain.path)' > '\(gz.path)'"])
    // A Maildir, and Apple Mail's .emlx: count line, message, property list.
    let maildir = folder.appendingPathComponent("Maildir")
    let emlx = folder.appendingPathComponent("Sent.mbox-apple/Messages")
    for sub in ["cur", "new", "tmp"] {
      try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try FileManager.default.createDirectory(at: emlx, withIntermediateDirectories: true)
    let plist = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>flags</key><integer>8590195713</integer></dict></plist>\n".utf8)
    for (n, message) in messages.enumerated() {
      try Data(message).write(to: maildir.appendingPathComponent(String(format: "cur/17000000%02d.M%dP1.test:2,S", n, n)))
      let count = Array("\(message.count)        \n".utf8)
      try Data(count + message + plist).write(to: emlx.appendingPathComponent("\(n + 1).emlx"))
    }

    let before = try checksums(of: folder)
    XCTAssertEqual(try hashes(of: plain.path), expected, "mbox")
    XCTAssertEqual(try hashes(of: gz.path), expected, "mbox.gz")
    XCTAssertEqual(try hashes(of: maildir.path), expected, "Maildir")
    XCTAssertEqual(try hashes(of: emlx.path), expected, "emlx")
    XCTAssertEqual(try hashes(of: extracted.path), expected, "eml")
    XCTAssertEqual(try checksums(of: folder), before, "reading evidence changed a mailbox")

    // Over IMAP: Dovecot serves the extracted files as its Sent folder.
    guard IMAPDovecotTests.dovecotInstalled else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): the IMAP form is not checked")
    }
    let server = folder.appendingPathComponent("imap")
    let output = try IMAPDovecotTests.harness([
      "start", server.path, extracted.path, IMAPDovecotTests.user, IMAPDovecotTests.password,
    ])
    addTeardownBlock { _ = try? IMAPDovecotTests.harness(["stop", server.path]) }
    guard let port = output.split(separator: " ").first.flatMap({ Int($0) }) else {
      return XCTFail("dovecot.sh printed no ports: \(output)")
    }
    let settings = IMAPScanSettings(
      connection: IMAPConnectionOptions(caFile: server.appendingPathComponent("ca.pem").path, timeoutSeconds: 20),
      password: { _ in IMAPDovecotTests.password }, fetchChunkSize: 10)
    let cur = server.appendingPathComponent("home/\(IMAPDovecotTests.user)/Maildir/.Sent/cur")
    XCTAssertEqual(
      try hashes(of: "imap://\(IMAPDovecotTests.user)@127.0.0.1:\(port)/Sent", imap: settings), expected, "IMAP")
    // BODY.PEEK[]: no message gained \Seen.
    let names = try FileManager.default.contentsOfDirectory(atPath: cur.path)
    XCTAssertEqual(names.count, 34)
    XCTAssertTrue(names.allSatisfy { $0.hasSuffix(":2,") }, "\(names)")
  }

  func testAMovedMaildirMessageIsHashedUnderItsNewName() throws {
    let folder = try temporaryFolder(self)
    let maildir = folder.appendingPathComponent("Sent")
    try writeMaildir(from: PackagePaths.sample, to: maildir)
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [maildir.path])
    let location = try XCTUnwrap(try locations(index).first)
    let first = try EvidenceReader().digest(of: location).get()
    // A client marks it answered: the file is renamed, its bytes unchanged.
    try FileManager.default.moveItem(atPath: location.file, toPath: location.file + "R")
    XCTAssertEqual(try EvidenceReader().digest(of: location).get().sha256, first.sha256)
    try FileManager.default.removeItem(atPath: location.file + "R")
    guard case .failure(let reason) = EvidenceReader().digest(of: location) else { return XCTFail("hashed a deleted file") }
    XCTAssertTrue(reason.gone)
  }
}
