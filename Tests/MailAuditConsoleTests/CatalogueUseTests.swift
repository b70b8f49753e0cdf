import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

@testable import MailAudit
@testable import MailAuditConsole

/// Every sentence of the console comes from the catalogues: a key missing
/// from them would show as the key itself (`console.incident.record`).
final class CatalogueUseTests: XCTestCase {
  static let keyPattern = #"\b(console|summary|cli|incident|severity|common|identifiability)\.[A-Za-z-]+(\.[A-Za-z-]+)*\b"#

  static func unresolvedKeys(_ html: String) -> [String] {
    let regex = try? NSRegularExpression(pattern: Self.keyPattern)
    let range = NSRange(html.startIndex..., in: html)
    return (regex?.matches(in: html, range: range) ?? []).compactMap { Range($0.range, in: html).map { String(html[$0]) } }
      .filter { !$0.hasSuffix(".example") && !$0.hasSuffix(".css") && !$0.hasSuffix(".js") }
  }

  func testEveryPageAndErrorIsWordedInBothLanguages() async throws {
    for language in [Language.english, .japanese] {
      let under = try ConsoleUnderTest(ConsolePaths.sample, language: language)
      let largest = try XCTUnwrap(try under.index.incidents().first)
      let someone = try XCTUnwrap(try under.index.incidentDetail(id: largest.id)?.persons.first?.address)
      try await under.application.test(.router) { client in
        let browser = try await Browser.signIn(client)
        let csrf = try Browser.csrf(in: try await browser.get(client, "/incidents/\(largest.id)").text)
        _ = try await browser.post(
          client, "/incidents/\(largest.id)/follow-ups", form: "csrf=\(csrf)&status=asked&address=\(HTML.query(someone))")
        for uri in [
          "/", "/incidents", "/incidents?severity=critical", "/incidents/\(largest.id)?recorded=2&discovered=2025-03-20",
          "/incidents/\(largest.id)?discovered=soon", "/lookup", "/lookup?address=\(HTML.query(someone))",
          "/lookup?address=nobody%40nowhere.example", "/lookup?address=x", "/runs", "/nowhere",
        ] {
          let html = try await browser.get(client, uri).text
          XCTAssertEqual(Self.unresolvedKeys(html), [], "\(language) \(uri)")
        }
      }
      for reason in [
        "notSignedIn", "staleToken", "unknownSession", "badCSRF", "otherOrigin", "notFound", "tooLarge", "failed",
        "badStatus", "nobodyChosen", "notRecorded", "noOrganisation", "unsafeDrafts", "noEvidence",
      ] {
        for status in [HTTPResponse.Status.unauthorized, .forbidden, .notFound, .badRequest, .conflict] {
          let catalog = try MessageCatalog.load(language)
          let body = under.console.errorHTML(ConsoleFailure(status: status, reason: reason), catalog: catalog)
          XCTAssertEqual(Self.unresolvedKeys(body), [], "\(language) \(reason)")
        }
      }
    }
  }
}
