import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// The hostile mailbox's subjects, names, addresses and ids reach every
/// page of the console as text: nothing from a message runs or breaks out.
final class HostilePagesTests: XCTestCase {
  static let rawMarkup = [
    "<script", "<img", "<svg onload", "<a href=javascript", "<b>太郎", "</title><script", "onerror=alert(4)>",
    "<iframe",
  ]

  func testEveryPageOfTheHostileCorpusShowsItsMarkupAsText() async throws {
    for language in [Language.english, .japanese] {
      let under = try ConsoleUnderTest(ConsolePaths.hostile, language: language)
      let report = try under.index.report()
      XCTAssertEqual(report.findings.count, 11)
      let uris = ["/", "/incidents", "/runs", "/lookup", "/incidents?q=%3Cscript&sort=firstSent&dir=asc"]
        + report.incidents.map { "/incidents/\(HTML.query($0.id))" }
        + report.exposedAddresses.map { "/lookup?address=\(HTML.query($0.address))" }
      let pages = try await under.application.test(.router) { client -> Int in
        var pages = 0
        let browser = try await Browser.signIn(client)
        for uri in uris {
          let response = try await browser.get(client, uri)
          XCTAssertEqual(response.status, .ok, uri)
          let html = response.text.lowercased()
          // Our own one script element, nothing else.
          XCTAssertEqual(html.components(separatedBy: "<script").count, 2, uri)
          for raw in Self.rawMarkup.dropFirst() {
            XCTAssertFalse(html.contains(raw), "raw \(raw) on \(uri)")
          }
          XCTAssertFalse(html.contains("\"\u{301}"), uri)
          for scalar in response.text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, 0x202A...0x202E, 0x2066...0x2069:
              XCTFail("U+\(String(scalar.value, radix: 16)) on \(uri)")
            default: break
            }
          }
          pages += 1
        }
        // The downloads that are text: no raw markup in the HTML pack either.
        for incident in report.incidents {
          let pack = try await browser.get(client, "/incidents/\(HTML.query(incident.id))/download/report.html")
          XCTAssertEqual(pack.status, .ok)
          XCTAssertTrue(pack.headers[.contentDisposition]?.hasPrefix("attachment;") ?? false)
          XCTAssertFalse(pack.text.lowercased().contains("<script"), incident.id)
        }
        return pages
      }
      XCTAssertGreaterThan(pages, 20)
    }
  }

  func testAHostileSubjectIsShownEscapedOnTheIncidentsList() async throws {
    let under = try ConsoleUnderTest(ConsolePaths.hostile)
    try await under.application.test(.router) { client in
      let browser = try await Browser.signIn(client)
      let html = try await browser.get(client, "/incidents").text
      XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;"), html)
      XCTAssertTrue(html.contains("{{mustache}} {{{triple}}}"))
    }
  }
}
