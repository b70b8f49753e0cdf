import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// The files an officer downloads from an incident.
final class IncidentDownloadsTests: XCTestCase {
  func testEveryDownloadIsAnAttachmentOfTheRightKind() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.sample)
    let largest = try XCTUnwrap(try under.index.incidents().max { $0.people < $1.people })
    let detail = try XCTUnwrap(try under.index.incidentDetail(id: largest.id))
    let scratchBefore = try scratchFolders()
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let base = "/incidents/\(largest.id)/download/"

      let csv = try await browser.get(client, base + "notification-list.csv")
      XCTAssertEqual(csv.status, .ok)
      XCTAssertEqual(
        csv.headers[.contentDisposition], "attachment; filename=\"\(largest.id)-notification-list.csv\"")
      let lines = String(buffer: csv.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }
      XCTAssertTrue(lines[0].hasPrefix("\u{FEFF}address,display_name,party"))
      XCTAssertEqual(lines.count, 1 + detail.persons.count)

      let ppc = try await browser.get(client, base + "ppc-report-ja.txt")
      XCTAssertEqual(ppc.status, .ok)
      XCTAssertTrue(ppc.text.contains("本人の数"))

      let html = try await browser.get(client, base + "report.html")
      XCTAssertTrue(html.text.contains(largest.id))

      let drafts = try await browser.get(client, base + "drafts.zip")
      XCTAssertEqual(drafts.status, .ok)
      XCTAssertEqual(drafts.headers[.contentType], "application/zip")
      let entries = try StoredZipReader.entries(Array(buffer: drafts.body))
      XCTAssertEqual(entries.count, detail.persons.count + 1)
      XCTAssertEqual(entries.last?.name, "drafts-\(largest.id)/drafts.csv")
      let one = String(decoding: try XCTUnwrap(entries.first).bytes, as: UTF8.self)
      XCTAssertTrue(one.contains("X-Unsent: 1"))

      let evidence = try await browser.get(client, base + "evidence.zip")
      XCTAssertEqual(evidence.status, .ok)
      let files = try StoredZipReader.entries(Array(buffer: evidence.body)).map(\.name)
      XCTAssertTrue(files.contains("evidence-\(largest.id)/manifest.json"), "\(files)")
      XCTAssertTrue(files.contains("evidence-\(largest.id)/SHA256SUMS"))
      XCTAssertEqual(files.filter { $0.hasSuffix(".eml") }.count, detail.messages.count)
    }
    // The evidence set's scratch folder is gone once the zip is sent.
    XCTAssertEqual(try scratchFolders(), scratchBefore)
  }

  func testTheScratchFolderIsPrivateAndRemoved() throws {
    var seen: URL?
    let mode = try ScratchFolder.with { folder -> Int in
      seen = folder
      let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
      return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
    XCTAssertEqual(mode & 0o777, 0o700)
    XCTAssertFalse(FileManager.default.fileExists(atPath: try XCTUnwrap(seen).path))
  }

  func testDraftsNeedTheOrganisationThatSignsThem() async throws {
    var under = try ConsoleUnderTest(ConsolePaths.sample)
    var settings = under.console.settings
    settings.organisation = nil
    settings.regulator.organisation = nil
    under = try ConsoleUnderTest(replacing: under, settings: settings)
    let largest = try XCTUnwrap(try under.index.incidents().first)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let response = try await browser.get(client, "/incidents/\(largest.id)/download/drafts.zip")
      XCTAssertEqual(response.status, .conflict)
      XCTAssertTrue(response.text.contains("organisation"))
    }
  }

  func scratchFolders() throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
      .filter { $0.hasPrefix("mailaudit-console-") })
  }
}

extension ConsoleUnderTest {
  /// The same index under other settings.
  init(replacing other: ConsoleUnderTest, settings: ConsoleSettings) throws {
    index = other.index
    console = try Console(
      store: ConsoleStore(index: other.index), settings: settings, keeper: SessionKeeper(startToken: Self.token))
  }
}
