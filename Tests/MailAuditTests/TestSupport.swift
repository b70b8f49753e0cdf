import Crypto
import Foundation
import XCTest

@testable import MailAudit

/// Paths of the package, found from this file.
enum PackagePaths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sample = root.appendingPathComponent("Samples/Sent.mbox")
  static let sampleExpected = root.appendingPathComponent("Samples/expected.json")
  static let fixtures = root.appendingPathComponent("Tests/Fixtures")
  /// The shared real-mail corpora, beside the checkout (absent on a lone clone).
  static let corpora = root.deletingLastPathComponent().appendingPathComponent("shared/corpora")
}

/// A fresh temporary folder, removed at the end of the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailaudit-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

/// SHA-256 of every regular file under `url`, by relative path: proves a
/// scan changed nothing in the evidence.
func checksums(of url: URL) throws -> [String: String] {
  var sums: [String: String] = [:]
  var isDir: ObjCBool = false
  _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir)
  let files: [URL]
  if isDir.boolValue {
    files = (FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? [])
      .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
  } else {
    files = [url]
  }
  for file in files {
    let data = try Data(contentsOf: file)
    sums[file.path] = SHA256.hash(data: data).hexString
  }
  return sums
}

/// The catalogue tests use: the bundled Public Suffix List snapshot, so
/// results do not depend on the machine's copy.
func testCatalog() throws -> DomainCatalog {
  DomainCatalog(suffixes: try PublicSuffixList.bundled())
}

/// Splits an mbox into a Maildir (`cur/`), message by message, as a mail
/// client moving the folder would.
/// The sample audited into a fresh in-memory index: what an index made
/// by an earlier release must report once migrated.
func freshSampleIndex() throws -> AuditIndex {
  let fresh = try AuditIndex()
  _ = try Auditor(index: fresh, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [PackagePaths.sample.path])
  return fresh
}

/// A report's findings as sorted lines of what must survive a migration
/// (key, date, severity, reply, parties, personal count, exposed addresses,
/// incident).
func comparableFindings(_ report: AuditReport) -> [String] {
  report.findings.map {
    [
      $0.messageKey, $0.date ?? "", $0.severity.rawValue, String($0.reply), String($0.parties), String($0.personal),
      $0.exposedAddresses.sorted().joined(separator: ";"), $0.incidentID,
    ].joined(separator: "|")
  }.sorted()
}

func writeMaildir(from mbox: URL, to folder: URL) throws {
  let text = try String(contentsOf: mbox, encoding: .utf8)
  var messages: [String] = []
  var current: [Substring] = []
  var previousBlank = true
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("From ") && previousBlank {
      if !current.isEmpty { messages.append(current.joined(separator: "\n")) }
      current = []
    } else {
      current.append(line)
    }
    previousBlank = line.isEmpty
  }
  if !current.isEmpty { messages.append(current.joined(separator: "\n")) }
  for sub in ["cur", "new", "tmp"] {
    try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
  }
  for (i, message) in messages.enumerated() {
    let name = String(format: "17000%05d.M%dP1.test:2,S", i, i)
    try Data(message.utf8).write(to: folder.appendingPathComponent("cur/\(name)"))
  }
}

extension Auditor {
  /// The SQLite index behind an auditor made by the tests, for checks that
  /// read its tables directly.
  var sqlite: AuditIndex { index as! AuditIndex }
}
