import Foundation
import XCTest

@testable import MailAudit

#if canImport(Glibc)
  import Glibc
#endif

/// Reports and the index hold personal data: owner-only from creation.
final class ReportFilesTests: XCTestCase {
  func testReportFoldersAre0700AndFiles0600EvenUnderALaxUmask() throws {
    let old = umask(0o022)
    defer { umask(old) }
    let (_, auditor) = try auditedIndex(PackagePaths.sample)
    let base = try temporaryFolder(self)
    let out = base.appendingPathComponent("a/b/reports")
    let written = try auditor.writeReports(to: out, formats: ["csv", "html", "json"])
    XCTAssertEqual(written.count, 5)
    for folder in [base.appendingPathComponent("a"), base.appendingPathComponent("a/b"), out] {
      XCTAssertEqual(try mode(of: folder), 0o700, folder.path)
    }
    for file in written {
      XCTAssertEqual(try mode(of: file), 0o600, file.lastPathComponent)
    }
  }

  func testRewritingAReportKeepsItOwnerOnly() throws {
    let folder = try temporaryFolder(self)
    let file = folder.appendingPathComponent("r.csv")
    try Data("old".utf8).write(to: file)
    chmod(file.path, 0o644)
    try PrivateFiles.write(Array("new".utf8), to: file)
    XCTAssertEqual(try mode(of: file), 0o600)
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "new")
  }

  func testTheIndexFileIsOwnerOnly() throws {
    let old = umask(0o022)
    defer { umask(old) }
    let folder = try temporaryFolder(self)
    let path = folder.appendingPathComponent("sub/index.sqlite")
    _ = try AuditIndex(path: path.path)
    XCTAssertEqual(try mode(of: path), 0o600)
    XCTAssertEqual(try mode(of: path.deletingLastPathComponent()), 0o700)
  }
}
