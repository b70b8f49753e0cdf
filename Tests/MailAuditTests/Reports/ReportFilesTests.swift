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

  func testEveryReportFileHoldsTheBytesItsWriterRenders() throws {
    // The summary page is written in pieces, the others whole; the
    // snapshots check render(), so each file must be what render() makes.
    let options = ReportOptions(generatedAt: "2025-04-01T00:00:00+00:00")
    for mailbox in [PackagePaths.sample, hostileMailbox] {
      let (index, auditor) = try auditedIndex(mailbox)
      let report = try index.report()
      let out = try temporaryFolder(self)
      let written = try auditor.write(report, formats: ["csv", "html", "json"], options: options, into: out)
      let writers = ["csv", "html", "json"].flatMap { Auditor.writers[$0] ?? [] }
      XCTAssertEqual(written.map(\.lastPathComponent), writers.map(\.fileName))
      for (url, writer) in zip(written, writers) {
        let bytes = try [UInt8](Data(contentsOf: url))
        let rendered = try writer.render(report, options: options)
        XCTAssertEqual(bytes, rendered, "\(mailbox.lastPathComponent) \(writer.fileName)")
        XCTAssertGreaterThan(bytes.count, 100)
      }
      let summary = try String(contentsOf: out.appendingPathComponent("summary.html"), encoding: .utf8)
      XCTAssertFalse(summary.contains("\u{1}"), "a list marker left on the page")
      XCTAssertTrue(summary.contains("<div class=\"detail\" id=\"f-1\">"), "the findings' details are on the page")
    }
  }

  func testAReportOfManyChunksIsWrittenWhole() throws {
    // Rows are handed to the file every 256 KiB: a report far larger than
    // that crosses many chunk ends, inside rows as well as between them.
    let (index, _) = try auditedIndex(hostileMailbox)
    var report = try index.report()
    func repeated<T>(_ rows: [T], _ count: Int) -> [T] {
      Array(repeating: rows, count: count / rows.count + 1).flatMap { $0 }
    }
    report.findings = repeated(report.findings, 300)
    report.exposedAddresses = repeated(report.exposedAddresses, 4500)
    report.incidents = repeated(report.incidents, 300)
    for options in [ReportOptions(), ReportOptions(excel: true, language: .japanese)] {
      let out = try temporaryFolder(self)
      let writers: [any ReportWriter] = [FindingsCSV(), ExposedAddressesCSV(), FindingsJSONL(), IncidentsJSONL()]
      for writer in writers {
        let url = try writer.write(report, options: options, into: out)
        let rendered = try writer.render(report, options: options)
        XCTAssertGreaterThan(rendered.count, 2 * PrivateFiles.chunkBytes, writer.fileName)
        XCTAssertEqual(try [UInt8](Data(contentsOf: url)), rendered, writer.fileName)
      }
    }
  }

  func testFilesWrittenSideBySideComeBackInTheOrderAsked() throws {
    let (_, auditor) = try auditedIndex(PackagePaths.sample)
    let out = try temporaryFolder(self)
    let written = try auditor.writeReports(to: out, formats: ["json", "html", "csv"])
    XCTAssertEqual(
      written.map(\.lastPathComponent),
      ["findings.jsonl", "incidents.jsonl", "summary.html", "findings.csv", "exposed-addresses.csv"])
  }

  func testAReportThatCannotBeWrittenIsNamedAndTheOthersAreStillWritten() throws {
    let (_, auditor) = try auditedIndex(PackagePaths.sample)
    let out = try temporaryFolder(self)
    // A folder where findings.csv goes: renaming the finished file over it fails.
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("findings.csv/kept"), withIntermediateDirectories: true)
    XCTAssertThrowsError(try auditor.writeReports(to: out, formats: ["html", "csv", "json"])) { error in
      guard case ReportError.cannotWrite(let path, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(URL(fileURLWithPath: path).lastPathComponent, "findings.csv")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    XCTAssertEqual(
      left, ["exposed-addresses.csv", "findings.csv", "findings.jsonl", "incidents.jsonl", "summary.html"],
      "no temporary file is left, and the writers beside the failed one finished")
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("findings.csv/kept").path))
  }

  func testAPageWrittenInPiecesIsOwnerOnlyAndWhole() throws {
    let folder = try temporaryFolder(self)
    let file = folder.appendingPathComponent("page.html")
    try Data("old".utf8).write(to: file)
    chmod(file.path, 0o644)
    let long = String(repeating: "行", count: 300_000)
    try PrivateFiles.write(utf8: ["<p>", long, "", "</p>\n"], to: file)
    XCTAssertEqual(try mode(of: file), 0o600)
    XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "<p>" + long + "</p>\n")
  }
}
